using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Tabs.Identity;

namespace AdoptionBot.Tabs;

/// <summary>The portfolio as the Excel workbook the bot's "export" sends, for the portfolio team only.</summary>
internal static class TabExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapTabExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/tabs/portfolio/export", async (PortfolioExchange exchange, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var workbook = await exchange.ExportAsync(cancellationToken);
            return Results.File(workbook, ContentType, PortfolioExportCommand.FileName(time.GetUtcNow()));
        }).RequireAuthorization(TabAuthentication.PortfolioPolicy);
}
