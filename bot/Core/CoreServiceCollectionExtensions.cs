using Microsoft.Bot.Builder;

namespace AdoptionBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The bot kernel: the Teams handler and its routers, the admin guard over the portfolio team (section "Portfolio"),
    /// and "help". Capabilities plug in by registering <see cref="IBotCommand"/>, <see cref="ICardActionHandler"/>,
    /// <see cref="IInvokeHandler"/>, <see cref="IConversationObserver"/>, one <see cref="IQuestionHandler"/> and one
    /// <see cref="IPersonalChat"/>.
    /// </summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddOptions<PortfolioOptions>()
            .BindConfiguration(PortfolioOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminGuard>();
        services.AddSingleton<PrivateAnswers>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<CardActionRouter>();
        services.AddSingleton<IBotCommand, HelpCommand>();
        services.AddTransient<IBot, AdoptionBotHandler>();
        return services;
    }
}
