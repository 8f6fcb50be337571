using System.Diagnostics;
using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// Fills the current account with realistic, repeatable data (a fixed random seed), one step per feature:
/// the account, clients, projects and services, time, invoices (drafted, issued, voided and paid through
/// the invoice services, so numbering, grouping, claiming and the ledger side are the app's own), billed
/// work and the ledger. Every step is sized by <c>years</c> so benchmarks can ask for years of history.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, TimeProvider clock, IServiceScopeFactory scopes, ICurrentUser user)
{
    public async Task<string> SeedAsync(int years, int seed, DemoProfile? profile = null)
    {
        var userId = user.UserId ?? throw new InvalidOperationException("Seed demo data as an account (CurrentUser.ActAs).");
        var run = new DemoRun(db, clock, scopes, userId, profile ?? DemoProfile.Standard, years, new Random(seed));
        // Tens of thousands of rows: changes are detected once per batch (SaveBatchAsync), not on every call,
        // and each batch is saved in its own transaction and then forgotten, so the tracker stays small.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        if (run.Profile.Batched) db.ChangeTracker.AutoDetectChangesEnabled = false;
        // One connection for the whole seeding instead of one from the pool (and its PRAGMAs) per statement.
        await db.Database.OpenConnectionAsync();
        try
        {
            var steps = new List<string>();
            async Task<T> Step<T>(string name, Func<Task<T>> step)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await step();
                steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
                return result;
            }
            return await KeptFigures.LoadingAsync(db, userId, async () =>
            {
                await Step("account", async () => { await DemoAccount.EnsureSettingsAsync(run); return 0; });
                var clients = await Step("clients", () => DemoClients.SeedAsync(run));
                var work = await Step("projects", () => DemoProjects.SeedAsync(run));
                var time = await Step("time", () => DemoTime.SeedAsync(run, work));
                var invoices = await Step("invoices", () => DemoInvoices.SeedAsync(run));
                if (run.Profile.BillsEarlierWork) await Step("earlier billing", async () => { await DemoBilling.SeedEarlierWorkAsync(run); return 0; });
                var billed = await Step("billing", () => DemoBilling.SeedLastMonthAsync(run));
                var entries = await Step("ledger", () => DemoLedger.SeedAsync(run));
                return $"{clients} clients, {entries} ledger entries. {work.Summary}, {time} time entries. {invoices}. {billed}.\n" +
                       $"Seeded in steps: {string.Join(", ", steps)}.";
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}

/// <summary>
/// What every step of one seeding shares: the account's context for bulk rows, the random sequence, the
/// profile, the settings, and fresh scopes for the use-case services (one per batch, so no context tracks
/// thousands of invoices).
/// </summary>
public sealed class DemoRun(AppDbContext db, TimeProvider clock, IServiceScopeFactory scopes, string userId, DemoProfile profile, int years, Random random)
{
    public AppDbContext Db { get; } = db;
    public TimeProvider Clock { get; } = clock;
    public DemoProfile Profile { get; } = profile;
    public int Years { get; } = years;
    public Random Random { get; } = random;
    public AccountSettings Settings { get; set; } = new();
    public DateOnly Today => Settings.Today(Clock);

    /// <summary>Saves what the current batch added or changed (one transaction); the heavy profile then forgets it.</summary>
    public async Task SaveBatchAsync(bool clear = false)
    {
        // Saving itself detects changes: the owner stamp and the version bump it makes must reach the database.
        Db.ChangeTracker.AutoDetectChangesEnabled = true;
        await Db.SaveChangesAsync();
        Db.ChangeTracker.AutoDetectChangesEnabled = !Profile.Batched;
        if (clear && Profile.Batched) Db.ChangeTracker.Clear();
    }

    /// <summary>A new scope acting for the same account, as a request of its own would be.</summary>
    public AsyncServiceScope NewScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        return scope;
    }
}

/// <summary>
/// How much the demo seeds per year of history. Standard is a small business; Heavy is a busy freelancer
/// (with 10 years: 320 clients, 1,020 projects, about 25,000 time entries, 2,000 invoices spread over the
/// years, about 50,000 ledger entries), saved in batches for speed.
/// </summary>
public sealed record DemoProfile(string Name, int ClientsPerYear, int ProjectsPerYear, int InvoicesPerYear,
    int? InvoiceSpreadDays, int LedgerDensity, bool Batched, bool BillsEarlierWork = false)
{
    public static readonly DemoProfile Standard = new("standard", 12, 10, 8, 75, 1, false);

    /// <summary>Invoices spread over every year (InvoiceSpreadDays null), the ledger 62 times as dense, past work billed and paid month by month.</summary>
    public static readonly DemoProfile Heavy = new("heavy", 32, 102, 200, null, 62, true, BillsEarlierWork: true);

    public static DemoProfile? Named(string name) =>
        name.ToLowerInvariant() switch { "standard" => Standard, "heavy" => Heavy, _ => null };
}
