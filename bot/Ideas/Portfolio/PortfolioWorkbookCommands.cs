using System.Globalization;
using System.Net;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Ideas.Portfolio;

/// <summary>"portfolio export" (portfolio team): the file-consent card for the workbook of the whole portfolio, in the 1:1 chat.</summary>
public sealed class PortfolioExportCommand(PortfolioExchange exchange, IdeaService ideas, TimeProvider time) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["portfolio export"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken)
    {
        var workbook = await exchange.ExportAsync(cancellationToken);
        var count = await ideas.CountAsync(cancellationToken);
        var reply = MessageFactory.Text("Here is the portfolio as an Excel workbook. Allow me to put it into your OneDrive:");
        reply.Attachments = [PortfolioFiles.ConsentCard(FileName(time.GetUtcNow()), workbook.Length, count)];
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    public static string FileName(DateTimeOffset now) => $"portfolio-{now.UtcDateTime.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.xlsx";
}

/// <summary>
/// The answer to a file-consent card: on accept, the workbook is made now (so it is current), uploaded to the address
/// Teams gave and shown as a file card; on decline, nothing is sent. Only the portfolio team's consent uploads anything.
/// </summary>
public sealed class FileConsentHandler(PortfolioExchange exchange, PortfolioFiles files, AdminGuard guard) : IInvokeHandler
{
    public string Name => "fileConsent/invoke";

    public async Task<InvokeResponse> HandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var value = turnContext.Activity.Value as JObject;
        var action = value?["action"]?.Type == JTokenType.String ? value.Value<string>("action") : null;
        var upload = value?["uploadInfo"] as JObject;
        if (!guard.IsAdmin(turnContext.Activity) || !string.Equals(value?["context"]?["export"]?.ToString(), "portfolio", StringComparison.Ordinal))
        {
            return new InvokeResponse { Status = (int)HttpStatusCode.Forbidden };
        }

        if (action == "decline")
        {
            await turnContext.SendActivityAsync("No file was sent. Type **portfolio export** again when you want it.", cancellationToken: cancellationToken);
            return new InvokeResponse { Status = (int)HttpStatusCode.OK };
        }

        var uploadUrl = upload?["uploadUrl"]?.ToString();
        var contentUrl = upload?["contentUrl"]?.ToString();
        if (action != "accept" || !PortfolioFiles.IsAllowed(uploadUrl) || !PortfolioFiles.IsAllowed(contentUrl))
        {
            return new InvokeResponse { Status = (int)HttpStatusCode.BadRequest };
        }

        try
        {
            await files.UploadAsync(uploadUrl!, await exchange.ExportAsync(cancellationToken), cancellationToken);
        }
        catch (HttpRequestException)
        {
            await turnContext.SendActivityAsync("The workbook could not be put into your OneDrive. Type **portfolio export** to try again.", cancellationToken: cancellationToken);
            return new InvokeResponse { Status = (int)HttpStatusCode.OK };
        }

        var reply = MessageFactory.Text("The portfolio workbook is in your OneDrive:");
        reply.Attachments = [PortfolioFiles.FileInfoCard(upload!["name"]?.ToString() ?? "portfolio.xlsx", contentUrl!, upload["uniqueId"]?.ToString() ?? "", upload["fileType"]?.ToString() ?? "xlsx")];
        await turnContext.SendActivityAsync(reply, cancellationToken);
        return new InvokeResponse { Status = (int)HttpStatusCode.OK };
    }
}

/// <summary>
/// "portfolio import" with a workbook or CSV file attached (portfolio team): what the import would change, with a button
/// to apply it; nothing changes before that button.
/// </summary>
public sealed class PortfolioImportCommand(PortfolioImportFlow flow) : IBotCommand
{
    public IReadOnlyList<string> Names { get; } = ["portfolio import"];

    public bool AdminOnly => true;

    public async Task ExecuteAsync(ITurnContext turnContext, string arguments, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(CardSerializer.ToMessage(await flow.PreviewAsync(turnContext.Activity, cancellationToken)), cancellationToken);
}

/// <summary>The import's preview and its apply button.</summary>
public sealed class PortfolioImportFlow(PortfolioExchange exchange, PortfolioFiles files)
{
    public const string ApplyVerb = "portfolio.import.apply";

    public async Task<AdaptiveCard> PreviewAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var file = (activity.AsMessageActivity()?.Attachments ?? []).FirstOrDefault(a => a.ContentType == PortfolioFiles.DownloadInfoContentType);
        var url = file?.Content is JObject content ? content["downloadUrl"]?.ToString() : null;
        if (file is null || !PortfolioFiles.IsAllowed(url))
        {
            return AdaptiveCard.Notice("Attach the workbook", "Send **portfolio import** with the workbook (from **portfolio export**) or a CSV file of the same columns attached, in our 1:1 chat. I show what would change before anything changes.");
        }

        return await ReadAsync(url!, file.Name ?? "portfolio.xlsx", apply: null, cancellationToken);
    }

    public async Task<AdaptiveCard> ApplyAsync(IActivity activity, JObject data, CancellationToken cancellationToken)
    {
        var url = data["downloadUrl"]?.Type == JTokenType.String ? data.Value<string>("downloadUrl") : null;
        var hash = data["hash"]?.Type == JTokenType.String ? data.Value<string>("hash") : null;
        var name = data["name"]?.Type == JTokenType.String ? data.Value<string>("name")! : "portfolio.xlsx";
        if (!PortfolioFiles.IsAllowed(url) || string.IsNullOrEmpty(hash))
        {
            return AdaptiveCard.Notice("Nothing was imported", "The card did not say which file to import. Send **portfolio import** with the file again.");
        }

        return await ReadAsync(url!, name, (hash!, IdeaFlow.ActorOf(activity)), cancellationToken);
    }

    private async Task<AdaptiveCard> ReadAsync(string url, string name, (string Hash, Actor Actor)? apply, CancellationToken cancellationToken)
    {
        byte[]? content;
        try
        {
            content = await files.DownloadAsync(url, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return AdaptiveCard.Notice("Nothing was imported", "I could not fetch the file from Teams. Send **portfolio import** with the file again.");
        }

        if (content is null)
        {
            return AdaptiveCard.Notice("Nothing was imported", $"The file is larger than {PortfolioWorkbook.MaxImportBytes / 1024 / 1024} MB.");
        }

        try
        {
            if (apply is { } go)
            {
                var done = await exchange.ApplyAsync(content, name, go.Hash, go.Actor, cancellationToken);
                return done is null
                    ? AdaptiveCard.Notice("Nothing was imported", "The file changed since its preview. Send **portfolio import** with it again to see what it would change now.")
                    : PortfolioCards.ImportResult(done, name, applied: true, url);
            }

            return PortfolioCards.ImportResult(await exchange.PlanAsync(content, name, cancellationToken), name, applied: false, url);
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or FormatException or CsvHelper.CsvHelperException or InvalidOperationException or ArgumentException)
        {
            return AdaptiveCard.Notice("Nothing was imported", $"{CardText.Plain(name)} is not a workbook or CSV file I can read ({CardText.Plain(ex is InvalidDataException ? ex.Message : ex.GetType().Name)}).");
        }
    }
}
