using System.Numerics.Tensors;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.AI;

/// <summary>
/// Opt-in tests against a real Azure OpenAI resource. They run only when every ADOPTIONBOT_LIVE_AI_* variable is set;
/// with none set they are skipped, and with some set they fail naming the missing ones.
/// </summary>
public sealed class LiveModelTests
{
    [LiveAIFact]
    public async Task GermanQuestion_EmbedsCloserToTheEnglishGuidelineThanToAnUnrelatedOne()
    {
        using var services = AIServices.Build(LiveAIFactAttribute.Settings());
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vectors = (await generator.GenerateAsync([
            "Darf ich Kundendaten in ChatGPT einfügen?",
            "Never paste customer data into public AI tools such as ChatGPT; use the approved internal assistant.",
            "The canteen on the second floor opens at noon and serves a vegetarian dish every day.",
        ])).Select(e => e.Vector.ToArray()).ToList();

        var guideline = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]);
        Assert.True(guideline > unrelated + 0.1, $"German question to English guideline {guideline:F3}, to the unrelated text {unrelated:F3}.");
    }
}

/// <summary>A fact that needs a real Azure OpenAI resource, named by environment variables.</summary>
public sealed class LiveAIFactAttribute() : LiveServiceFactAttribute(Service, Variables)
{
    public const string Endpoint = "ADOPTIONBOT_LIVE_AI_ENDPOINT";
    public const string Key = "ADOPTIONBOT_LIVE_AI_KEY";
    public const string ChatDeployment = "ADOPTIONBOT_LIVE_AI_CHAT_DEPLOYMENT";
    public const string EmbeddingDeployment = "ADOPTIONBOT_LIVE_AI_EMBEDDING_DEPLOYMENT";
    private const string Service = "Azure OpenAI";
    private static readonly string[] Variables = [Endpoint, Key, ChatDeployment, EmbeddingDeployment];

    public static Dictionary<string, string?> Settings()
    {
        var values = Require(Service, Variables);
        return new Dictionary<string, string?>
        {
            ["AI:Provider"] = "AzureOpenAI",
            ["AI:Endpoint"] = values[Endpoint],
            ["AI:ApiKey"] = values[Key],
            ["AI:ChatDeployment"] = values[ChatDeployment],
            ["AI:EmbeddingDeployment"] = values[EmbeddingDeployment],
        };
    }
}
