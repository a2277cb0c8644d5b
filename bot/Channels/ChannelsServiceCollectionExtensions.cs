using AdoptionBot.Conversation;
using AdoptionBot.Ideas;

namespace AdoptionBot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddSingleton<ChannelService>();
        services.AddSingleton<TeamMembership>();
        services.AddSingleton<IIdeaStatusObserver, StatusUpdateFanOut>();
        services.AddSingleton<IBotCommand, LinkCommand>();
        services.AddSingleton<IBotCommand, UnlinkCommand>();
        services.AddSingleton<IBotCommand, ChannelCommand>();
        services.AddSingleton<IBotCommand, ChannelsCommand>();
        return services;
    }
}
