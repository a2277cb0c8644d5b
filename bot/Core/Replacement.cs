namespace AdoptionBot.Core;

/// <summary>
/// An implementation of <typeparamref name="T"/> a module offers in place of the default of the module that owns
/// <typeparamref name="T"/>, while it is configured (the language model's answer composer, a cloud embedding model):
/// <see cref="Resolve"/> gives null when it is not. The owner makes the one decision, whatever order modules register in.
/// </summary>
public sealed record Replacement<T>(Func<IServiceProvider, T?> Resolve)
    where T : class;

public static class Replacements
{
    /// <summary>The first configured replacement of <typeparamref name="T"/>, else the owner's <paramref name="fallback"/>.</summary>
    public static T ReplacedOr<T>(this IServiceProvider services, Func<IServiceProvider, T> fallback)
        where T : class =>
        services.GetServices<Replacement<T>>().Select(r => r.Resolve(services)).FirstOrDefault(t => t is not null) ?? fallback(services);
}
