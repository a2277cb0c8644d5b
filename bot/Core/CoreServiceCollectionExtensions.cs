using AdoptionBot.Core.Cards;
using Microsoft.Bot.Builder;

namespace AdoptionBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The bot kernel: the Teams handler and its routers, who may talk to the bot and which links it shows (section "Bot"),
    /// the admin guard over the portfolio team (section "Portfolio"),
    /// one rate limit per person for every request (section "RateLimit"),
    /// and "help". Capabilities plug in by registering <see cref="IBotCommand"/>, <see cref="ICardActionHandler"/>,
    /// <see cref="IInvokeHandler"/>, <see cref="IConversationObserver"/>, one <see cref="IQuestionHandler"/> and one
    /// <see cref="IPersonalChat"/>.
    /// </summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>()
            .BindConfiguration(BotOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PortfolioOptions>()
            .BindConfiguration(PortfolioOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IConfiguration>(
                (_, configuration) => configuration[RateLimitOptions.FormerSetting] is null,
                $"{RateLimitOptions.FormerSetting} is now {RateLimitOptions.SectionName}:{nameof(RateLimitOptions.MaxPerMinute)}, one allowance per person for questions, commands and card actions; rename the setting.")
            .ValidateOnStart();
        services.AddSingleton<UserRateLimit>();
        services.AddSingleton<AdminGuard>();
        services.AddSingleton<PrivateAnswers>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<CardActionRouter>();
        services.AddSingleton<CardSizeGuard>();
        services.AddSingleton<IBotCommand, HelpCommand>();
        services.AddTransient<IBot, AdoptionBotHandler>();
        return services;
    }
}
