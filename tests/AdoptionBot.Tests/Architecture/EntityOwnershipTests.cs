using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Architecture;

/// <summary>
/// Each table belongs to one module: its entity and the entity's configuration live in that module's folder, and no
/// other module names the entity (they ask the owner through its services instead).
/// </summary>
public sealed class EntityOwnershipTests
{
    public static TheoryData<string> Entities() => [.. Model().GetEntityTypes().Select(e => e.ClrType.FullName!)];

    [Theory]
    [MemberData(nameof(Entities))]
    public void Entity_IsUsedOnlyInsideItsOwnModule(string entity)
    {
        var type = typeof(AdoptionBotDbContext).Assembly.GetType(entity)!;
        var owner = ModuleGraph.ModuleOf(type.Namespace);

        var strangers = ModuleGraph.UsersOf(type).Where(u => u.Module != owner).Select(u => $"{u.Type} ({u.Module})").ToList();

        Assert.True(strangers.Count == 0, $"{entity} belongs to {owner}, but is used by: {string.Join(", ", strangers)}");
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void Entity_IsConfiguredInItsOwnModule(string entity)
    {
        var type = typeof(AdoptionBotDbContext).Assembly.GetType(entity)!;
        var configurations = typeof(AdoptionBotDbContext).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>) && i.GetGenericArguments()[0] == type))
            .ToList();

        var configuration = Assert.Single(configurations);
        Assert.Equal(ModuleGraph.ModuleOf(type.Namespace), ModuleGraph.ModuleOf(configuration.Namespace));
    }

    [Fact]
    public void StoreModel_HasTheTablesOfEveryModule()
    {
        var tables = Model().GetEntityTypes().Select(e => e.GetTableName()).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["ai_act_screenings", "answer_feedback", "assessments", "board_items", "catalogue_imports", "channel_link_changes", "channel_links", "expert_channels", "expert_ticket_events", "expert_tickets", "faq_entries", "gate_ticks", "idea_forms", "idea_status_changes", "ideas", "leases", "outbox", "personal_conversations", "questions"],
            tables);
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IModel Model()
    {
        using var db = new AdoptionBotDbContext(new DbContextOptionsBuilder<AdoptionBotDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    }
}
