using AdoptionBot.Knowledge.Retrieval;

namespace AdoptionBot.Tests.Knowledge.Retrieval;

public sealed class SentenceVectorsTests
{
    [Fact]
    public void PackAndRelevance_HalfPrecisionRows_GiveTheCosineOfEachSentence()
    {
        ReadOnlyMemory<float>[] sentences = [new[] { 1f, 0f, 0f }, new[] { 0.6f, 0.8f, 0f }, new[] { 0f, 0f, 1f }];
        float[] query = [0.6f, 0.8f, 0f];

        var packed = SentenceVectors.Pack(sentences);
        var relevance = SentenceVectors.Relevance(packed, query);

        Assert.Equal(3 * 3 * 2, packed.Length);
        Assert.Equal(0.6, relevance[0], 3);
        Assert.Equal(1.0, relevance[1], 3);
        Assert.Equal(0.0, relevance[2], 3);
    }

    [Fact]
    public void Relevance_QueryOfAnotherSize_IsEmpty() =>
        Assert.Empty(SentenceVectors.Relevance(SentenceVectors.Pack([new[] { 1f, 0f, 0f }]), [1f, 0f]));
}
