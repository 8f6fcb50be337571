using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// Numbering and the overdue job on PostgreSQL, where concurrent issuers really run in parallel
/// (./test.sh starts the server and sets FREELANCEROS_TEST_POSTGRES).
/// </summary>
public sealed class PostgresInvoiceTests : IAsyncLifetime
{
    private sealed class User(string? id) : ICurrentUser
    {
        public string? UserId => id;
    }

    private readonly PostgresDatabase _database = new();
    private string _connection => _database.ConnectionString;
    private readonly FakeClock _clock = new();

    public async Task InitializeAsync()
    {
        await using var db = Db(null);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private PostgresAppDbContext Db(string? userId) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_connection).Options, new User(userId));

    /// <summary>An account with settings, one client and <paramref name="drafts"/> drafts of 100 EUR.</summary>
    private async Task<(string UserId, List<int> Drafts)> AccountWithDraftsAsync(int drafts, DateOnly due)
    {
        var userId = Guid.NewGuid().ToString();
        await using (var db = Db(null))
        {
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = $"{userId}@example.com" });
            await db.SaveChangesAsync();
        }
        await using var owned = Db(userId);
        owned.Settings.Add(new AccountSettings());
        var client = new Client { Name = "Parallel Ltd", Currency = "EUR" };
        owned.Clients.Add(client);
        await owned.SaveChangesAsync();
        var invoices = Enumerable.Range(0, drafts).Select(k =>
        {
            var invoice = Invoice.CreateDraft(client, new DateOnly(2026, 11, 22), due, null, null, _clock.GetUtcNow());
            invoice.AddFreeLine($"Work {k}", 1, 100m);
            return invoice;
        }).ToList();
        owned.Invoices.AddRange(invoices);
        await owned.SaveChangesAsync();
        return (userId, invoices.Select(i => i.Id).ToList());
    }

    [Fact]
    public async Task Issue_TwentyAtOnceOnPostgres_GivesTwentyDistinctConsecutiveNumbers()
    {
        var (userId, drafts) = await AccountWithDraftsAsync(20, new DateOnly(2026, 12, 22));

        // Each issuer has its own context and connection, as concurrent requests would.
        var results = await Task.WhenAll(drafts.Select(id => Task.Run(async () =>
        {
            await using var db = Db(userId);
            var (outcome, invoice) = await new InvoiceIssuer(db, _clock, []).IssueAsync(id);
            return (outcome, invoice!.Number);
        })));
        Assert.All(results, r => Assert.Equal(IssueOutcome.Issued, r.outcome));

        await using var check = Db(userId);
        var numbers = await check.Invoices.Select(i => i.NumberSequence!.Value).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20), numbers.Order());
        Assert.Equal(20, results.Select(r => r.Number).Distinct().Count());
        Assert.Equal(20, await check.InvoiceNumberCounters.Where(c => c.Year == 2026).Select(c => c.LastSequence).SingleAsync());
    }

    [Fact]
    public async Task OverdueJobOnPostgres_MarksOnceWithHistory_ForEveryAccount()
    {
        var (first, firstDrafts) = await AccountWithDraftsAsync(3, new DateOnly(2026, 11, 30));
        var (second, secondDrafts) = await AccountWithDraftsAsync(2, new DateOnly(2026, 11, 30));
        foreach (var (user, ids) in new[] { (first, firstDrafts), (second, secondDrafts) })
            foreach (var id in ids.Take(2))
            {
                await using var db = Db(user);
                await new InvoiceIssuer(db, _clock, []).IssueAsync(id);
            }

        _clock.Set(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        await using (var job = Db(null)) Assert.Equal(4, await OverdueInvoices.MarkAsync(job, _clock));
        await using (var again = Db(null)) Assert.Equal(0, await OverdueInvoices.MarkAsync(again, _clock));

        await using var check = Db(first);
        var statuses = await check.Invoices.OrderBy(i => i.Id).Select(i => i.Status).ToListAsync();
        Assert.Equal([InvoiceStatus.Overdue, InvoiceStatus.Overdue, InvoiceStatus.Draft], statuses);
        var history = await check.InvoiceStatusChanges.Where(h => firstDrafts.Contains(h.InvoiceId) && h.To == InvoiceStatus.Overdue).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), h.At));
    }
}
