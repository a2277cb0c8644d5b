using AdoptionBot.Cards;
using AdoptionBot.Conversation;
using AdoptionBot.Knowledge.Indexing;

namespace AdoptionBot.Ideas;

public static class IdeasServiceCollectionExtensions
{
    public static IServiceCollection AddIdeas(this IServiceCollection services)
    {
        services.AddOptions<IdeasOptions>()
            .BindConfiguration(IdeasOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IdeaService>();
        services.AddSingleton<IdeaFlow>();
        services.AddSingleton<IdeaCatalogue>();
        services.AddSingleton<IIdeaCatalogueNotifier>(sp => sp.GetRequiredService<IdeaCatalogue>());
        services.AddSingleton<IExternalKnowledgeSource>(sp => sp.GetRequiredService<IdeaCatalogue>());
        services.AddSingleton<ICardActionHandler, IdeaCardActions>();
        services.AddSingleton<IBotCommand, NewIdeaCommand>();
        services.AddSingleton<IBotCommand, MyIdeasCommand>();
        services.AddSingleton<IBotCommand, IdeaPageCommand>();
        services.AddSingleton<IBotCommand, TriageCommand>();
        return services;
    }
}
