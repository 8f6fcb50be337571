using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>
/// Classifications, categories and payment modes of the account. An account gets sensible defaults when it is
/// created (accounts made before that got them once at start-up), so reading the lists never writes.
/// </summary>
public static class LedgerLists
{
    public static readonly string[] DefaultClassifications = ["Salary", "Interest", "Refund"];
    public static readonly string[] DefaultCategories = ["Software", "Hardware", "Travel", "Office", "Taxes", "Bank fees"];
    public static readonly string[] DefaultModes = ["Bank", "Cash", "Card", "PayPal"];

    private sealed class ListRow
    {
        public bool IsMode { get; init; }
        public int Id { get; init; }
        public LedgerKind Kind { get; init; }
        public string Name { get; init; } = "";
        public bool IsBuiltIn { get; init; }
    }

    // Categories and payment modes in one statement, each in its own order. Compiled once: every ledger page and
    // form asks, and building the UNION's expression and finding it in EF's query cache cost more than running it.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<ListRow>>> Rows = new(() => EF.CompileAsyncQuery<AppDbContext, ListRow>(
        (AppDbContext db) => db.LedgerCategories.AsNoTracking()
            .Select(c => new ListRow { IsMode = false, Id = c.Id, Kind = c.Kind, Name = c.Name, IsBuiltIn = c.IsBuiltIn })
            .Concat(db.PaymentModes.AsNoTracking().Select(m => new ListRow { IsMode = true, Id = m.Id, Kind = LedgerKind.Income, Name = m.Name, IsBuiltIn = false }))
            .OrderBy(r => r.IsMode).ThenBy(r => r.Kind).ThenByDescending(r => r.IsBuiltIn).ThenBy(r => r.Name)));

    public static async Task<LedgerLookups> LoadAsync(AppDbContext db)
    {
        var categories = new List<CategoryOption>();
        var modes = new List<ModeOption>();
        await foreach (var r in Rows.For(db)(db))
        {
            if (r.IsMode) modes.Add(new ModeOption(r.Id, r.Name));
            else categories.Add(new CategoryOption(r.Id, r.Kind, r.Name, r.IsBuiltIn));
        }
        return new LedgerLookups(categories, modes);
    }

    /// <summary>The lists a new account starts with (the caller saves, with the account).</summary>
    public static void AddDefaults(AppDbContext db, string ownerId, bool withModes = true)
    {
        var categories = new List<LedgerCategory> { LedgerCategory.BuiltInClient() };
        categories.AddRange(DefaultClassifications.Select(name => new LedgerCategory(LedgerKind.Income, name)));
        categories.AddRange(DefaultCategories.Select(name => new LedgerCategory(LedgerKind.Expense, name)));
        foreach (var category in categories) category.OwnerId = ownerId;
        db.LedgerCategories.AddRange(categories);
        if (withModes) db.PaymentModes.AddRange(DefaultModes.Select(name => new PaymentMode { Name = name, OwnerId = ownerId }));
    }

    /// <summary>
    /// At start-up: accounts created before the lists came with the account get them now (an account with
    /// payment modes keeps its own), under a lock so two instances starting together add them once.
    /// </summary>
    public static async Task AddToAccountsWithoutAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var missing = db.Users.Where(u => !db.LedgerCategories.IgnoreQueryFilters().Any(c => c.OwnerId == u.Id));
        if (!await missing.AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, DefaultsLock);
        var owners = await missing.Select(u => new { u.Id, HasModes = db.PaymentModes.IgnoreQueryFilters().Any(m => m.OwnerId == u.Id) }).ToListAsync(ct);
        foreach (var owner in owners) AddDefaults(db, owner.Id, withModes: !owner.HasModes);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private const long DefaultsLock = 0x4C65646765724C73; // "LedgerLs"
}
