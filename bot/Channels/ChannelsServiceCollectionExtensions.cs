using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Delivery;

namespace AdoptionBot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Channel links and 1:1 conversations: the link commands, the business unit a channel follows, the conversations
    /// remembered from each message, and links stopped when the bot leaves a team or can no longer post there.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddOptions<ChannelsOptions>()
            .BindConfiguration(ChannelsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ChannelService>();
        services.AddSingleton<LinkPermissions>();
        services.AddSingleton<IChannelBusinessUnits>(sp => sp.GetRequiredService<ChannelService>());
        services.AddSingleton<IDeliveryObserver>(sp => sp.GetRequiredService<ChannelService>());
        services.AddSingleton<IConversationObserver, TeamMembership>();
        services.AddSingleton<IPersonalChat, PersonalChat>();
        services.AddSingleton<IBotCommand, LinkCommand>();
        services.AddSingleton<IBotCommand, UnlinkCommand>();
        services.AddSingleton<IBotCommand, ChannelCommand>();
        services.AddSingleton<IBotCommand, ChannelsCommand>();
        return services;
    }
}
