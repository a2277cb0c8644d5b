using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>
/// Moves workbook files between the bot and a person's OneDrive the way Teams bots do: uploads to the address a
/// file-consent answer carries, downloads the file a person attached. Only https addresses (and http on this machine,
/// where the local stand-ins run) are used.
/// </summary>
public sealed class PortfolioFiles(IHttpClientFactory clients)
{
    public const string HttpClientName = "portfolio-files";
    public const string ConsentContentType = "application/vnd.microsoft.teams.card.file.consent";
    public const string FileInfoContentType = "application/vnd.microsoft.teams.card.file.info";
    public const string DownloadInfoContentType = "application/vnd.microsoft.teams.file.download.info";

    public static bool IsAllowed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public async Task UploadAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentLength = content.Length;
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, Math.Max(0, content.Length - 1), content.Length);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The file's bytes, or null when it is larger than <see cref="PortfolioWorkbook.MaxImportBytes"/>.</summary>
    public async Task<byte[]?> DownloadAsync(string downloadUrl, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(HttpClientName).GetAsync(downloadUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > PortfolioWorkbook.MaxImportBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > PortfolioWorkbook.MaxImportBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The file-consent card Teams shows before the bot may put the export into the person's OneDrive.</summary>
    public static Attachment ConsentCard(string fileName, long sizeInBytes, int useCases) => new()
    {
        ContentType = ConsentContentType,
        Name = fileName,
        Content = new JObject
        {
            ["description"] = $"The portfolio: {useCases.ToString(CultureInfo.InvariantCulture)} use cases with every field and their gate status.",
            ["sizeInBytes"] = sizeInBytes,
            ["acceptContext"] = new JObject { ["export"] = "portfolio" },
            ["declineContext"] = new JObject { ["export"] = "portfolio" },
        },
    };

    /// <summary>The file card that points to the uploaded workbook.</summary>
    public static Attachment FileInfoCard(string name, string contentUrl, string uniqueId, string fileType) => new()
    {
        ContentType = FileInfoContentType,
        Name = name,
        ContentUrl = contentUrl,
        Content = new JObject { ["uniqueId"] = uniqueId, ["fileType"] = fileType },
    };
}
