using System.Net;
using System.Text;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Hosting;

/// <summary>
/// Bodies past Bot:MaxRequestKilobytes on the real server (Kestrel, in its own process): a body that says its length
/// is refused before it is read, one that does not (chunked) is cut off at the limit. Both before any token check.
/// </summary>
[Collection(SecuredBotCollection.Name)]
public sealed class RequestSizeTests(SecuredBot secured)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyPastTheLimit_Gets413_WithOrWithoutItsLength(bool sendsLength)
    {
        var body = "{\"type\":\"message\",\"text\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (sendsLength)
        {
            content.Headers.ContentLength = Encoding.UTF8.GetByteCount(body);
        }
        else
        {
            request.Headers.TransferEncodingChunked = true;
        }

        // The refusal's log line names the length the request gave (-1 when it gave none); the log is written a
        // moment after the answer, so it is waited for.
        var refusal = $"of {(sendsLength ? content.Headers.ContentLength : -1)} bytes";
        using var client = new HttpClient { BaseAddress = secured.Bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        HttpStatusCode? status;
        try
        {
            using var response = await client.SendAsync(request);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may answer 413 and close the connection while the client is still sending: its log then tells.
            status = null;
        }

        await Poll.UntilAsync(
            () => Task.FromResult(secured.Bot.Output.Contains(refusal, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            () => $"the log line refusing a request {refusal}. Output:\n{secured.Bot.Output}");
        if (status is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        }

        Assert.False(secured.Bot.HasExited);
    }
}
