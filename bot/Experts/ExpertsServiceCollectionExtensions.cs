using AdoptionBot.Core;
using AdoptionBot.Delivery;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Questions;
using AdoptionBot.Storage;

namespace AdoptionBot.Experts;

public static class ExpertsServiceCollectionExtensions
{
    /// <summary>
    /// The expert loop (section "Experts"): "Ask the GenAI team" under "not covered" and unhelpful answers, tickets in
    /// the experts' channel with the answer relayed to the asker, FAQ entries made from answers and indexed as
    /// knowledge, reminders for tickets that wait, the knowledge gaps, and the figures of the digest.
    /// </summary>
    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddOptions<ExpertsOptions>()
            .BindConfiguration(ExpertsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExpertChannels>();
        services.AddSingleton<TicketPosts>();
        services.AddSingleton<TicketService>();
        services.AddSingleton<TicketViews>();
        services.AddSingleton<FaqKnowledge>();
        services.AddSingleton<IExternalKnowledgeSource>(sp => sp.GetRequiredService<FaqKnowledge>());
        services.AddSingleton<FaqIndexSync>();
        services.AddSingleton<FaqService>();
        services.AddSingleton<ExpertStatistics>();
        services.AddSingleton<AskExpertsOffer>();
        services.AddSingleton<INotCoveredOffer>(sp => sp.GetRequiredService<AskExpertsOffer>());
        services.AddSingleton<IUnhelpfulAnswerOffer>(sp => sp.GetRequiredService<AskExpertsOffer>());
        services.AddSingleton<ICardActionHandler, ExpertCardActions>();
        services.AddSingleton<IBotCommand, LinkExpertsCommand>();
        services.AddSingleton<IBotCommand, FaqsCommand>();
        services.AddSingleton<IBotCommand, GapsCommand>();
        services.AddSingleton<ExpertChannelWatch>();
        services.AddSingleton<IDeliveryObserver>(sp => sp.GetRequiredService<ExpertChannelWatch>());
        services.AddSingleton<IConversationObserver>(sp => sp.GetRequiredService<ExpertChannelWatch>());
        services.AddSingleton<ExpertWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpertWatch>());
        services.AddRetentionRule<TicketRetention>();
        return services;
    }
}
