namespace AdoptionBot.Cards;

public static class CardsServiceCollectionExtensions
{
    public static IServiceCollection AddCards(this IServiceCollection services) => services.AddSingleton<CardActionRouter>();
}
