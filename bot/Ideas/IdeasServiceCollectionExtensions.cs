using AdoptionBot.Core;
using AdoptionBot.Ideas.Portfolio;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Questions;
using AdoptionBot.Storage;

namespace AdoptionBot.Ideas;

public static class IdeasServiceCollectionExtensions
{
    /// <summary>
    /// Idea intake and triage (section "Ideas"): the idea commands and card verbs, status updates announced to linked
    /// channels and submitters, the catalogue files' use cases imported into the store, every published use case in the
    /// searchable catalogue (ideas from proof of concept on), the "Submit as idea" offer
    /// under unanswered questions, and the pipeline figures of the digest.
    /// </summary>
    public static IServiceCollection AddIdeas(this IServiceCollection services)
    {
        services.AddOptions<IdeasOptions>()
            .BindConfiguration(IdeasOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IdeaService>();
        services.AddRetentionRule<IdeaFormRetention>();
        services.AddSingleton<IdeaFlow>();
        services.AddSingleton<IdeaPages>();
        services.AddSingleton<StatusUpdates>();
        services.AddSingleton<IdeaStatistics>();
        services.AddSingleton<IdeaCatalogue>();
        services.AddSingleton<IIdeaCatalogueNotifier, IdeaCatalogueSync>();
        services.AddSingleton<IExternalKnowledgeSource>(sp => sp.GetRequiredService<IdeaCatalogue>());
        services.AddSingleton<IUseCaseCatalogueKeeper, CatalogueImporter>();
        services.AddSingleton<INotCoveredOffer, SubmitAsIdeaOffer>();
        services.AddSingleton<ICardActionHandler, IdeaCardActions>();
        services.AddSingleton<IBotCommand, NewIdeaCommand>();
        services.AddSingleton<IBotCommand, MyIdeasCommand>();
        services.AddSingleton<IBotCommand, IdeaPageCommand>();
        services.AddSingleton<IBotCommand, TriageCommand>();
        return services.AddPortfolio();
    }

    /// <summary>
    /// The portfolio office's process on the use cases (section "Portfolio"): first answers, assessments, EU AI Act
    /// screening, stage gates with decision rights, the board.
    /// </summary>
    private static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddOptions<PortfolioRulesOptions>()
            .BindConfiguration(PortfolioRulesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WorkingCalendar>();
        services.AddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<WorkingCalendar>());
        services.AddSingleton<GateCheck>();
        services.AddSingleton<PortfolioService>();
        services.AddSingleton<BoardService>();
        services.AddSingleton<IBotCommand, BoardCommand>();
        services.AddSingleton<IBotCommand, LegalReviewCommand>();
        services.AddSingleton<Register>();
        services.AddSingleton<FirstAnswerPromise>();
        services.AddSingleton<TeamNotices>();
        services.AddSingleton<PortfolioExchange>();
        services.AddSingleton<PortfolioViews>();
        services.AddHttpClient(PortfolioFiles.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<PortfolioFiles>();
        services.AddSingleton<PortfolioImportFlow>();
        services.AddSingleton<IBotCommand, PortfolioExportCommand>();
        services.AddSingleton<IBotCommand, PortfolioImportCommand>();
        services.AddSingleton<IInvokeHandler, FileConsentHandler>();
        services.AddSingleton<PortfolioAlerts>();
        services.AddSingleton<PortfolioWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<PortfolioWatch>());
        services.AddSingleton<IBotCommand, RegisterCommand>();
        services.AddSingleton<PortfolioFlow>();
        services.AddSingleton<IIdeaMoveGuard, PortfolioMoveGuard>();
        services.AddSingleton<IIdeaPageSection, PortfolioPageSection>();
        services.AddSingleton<ICardActionHandler, PortfolioCardActions>();
        return services;
    }
}
