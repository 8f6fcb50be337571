using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// The kept invoice totals on PostgreSQL: the upsert runs there too, after random drafts, edits, issues, payments, voids,
/// deletes and overdue runs, and the start-up fill computes a database that has none (./test.sh starts the server).
/// </summary>
public sealed class PostgresKeptInvoiceTotalsTests : IAsyncLifetime
{
    private sealed class User(string? id) : ICurrentUser
    {
        public string? UserId => id;
    }

    private readonly PostgresDatabase _database = new();

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
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_database.ConnectionString).Options, new User(userId));

    private async Task AssertKeptAsync(string userId)
    {
        await using var check = Db(userId);
        static List<(InvoiceStatus, string, int, long, long)> Rows(IEnumerable<InvoiceStatusTotal> rows) => rows
            .Where(r => r.Count != 0 || r.TotalUnits != 0 || r.PaidUnits != 0)
            .Select(r => (r.Status, r.Currency, r.Count, r.TotalUnits, r.PaidUnits)).OrderBy(r => r.Status).ThenBy(r => r.Currency).ToList();
        var kept = await check.InvoiceStatusTotals.AsNoTracking().ToListAsync();
        Assert.Equal(Rows((await KeptInvoiceTotals.RecomputeAsync(check)).Where(r => r.OwnerId == userId)), Rows(kept));
    }

    [Fact]
    public async Task KeptTotals_FollowRandomInvoiceWritesAndOverdueRuns_AndTheFillComputesMissingRows()
    {
        var userId = Guid.NewGuid().ToString();
        await using (var db = Db(null))
        {
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = $"{userId}@example.com" });
            await db.SaveChangesAsync();
        }
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        await using var owned = Db(userId);
        Client[] clients = [new() { Name = "Acme", Currency = "EUR" }, new() { Name = "Globex", Currency = "USD" }];
        owned.Clients.AddRange(clients);
        await owned.SaveChangesAsync();
        var random = new Random(7);
        var sequence = 0;

        for (var step = 0; step < 40; step++)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var invoices = await owned.Invoices.Include(i => i.Lines).OrderBy(i => i.Id).ToListAsync();
            var drafts = invoices.Where(i => i.Status == InvoiceStatus.Draft).ToList();
            var open = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).ToList();
            switch (random.Next(7))
            {
                case 0 or 1:
                    var draft = Invoice.CreateDraft(clients[random.Next(2)], today, today.AddDays(random.Next(0, 6)), null, null, now);
                    draft.AddFreeLine("Work", random.Next(1, 9), random.Next(1, 5000) / 4m);
                    owned.Invoices.Add(draft);
                    break;
                case 2 when drafts.Count > 0:
                    drafts[random.Next(drafts.Count)].AddFreeLine("More", 1.5m, random.Next(1, 999) / 100m);
                    break;
                case 3 when drafts.Count > 0:
                    sequence++;
                    drafts[random.Next(drafts.Count)].Issue($"2026-{sequence:000}", 2026, sequence, now, today: today);
                    break;
                case 4 when open.Count > 0:
                    var paid = open[random.Next(open.Count)];
                    paid.ApplyReceived(random.Next(2) == 0 ? paid.Total : paid.AmountPaid + 1m, today, now);
                    break;
                case 5 when open.Count > 0:
                    open[random.Next(open.Count)].Void(now);
                    break;
                case 6 when drafts.Count > 0:
                    owned.Invoices.Remove(drafts[random.Next(drafts.Count)]);
                    break;
                default:
                    clock.Advance(TimeSpan.FromDays(random.Next(1, 4)));
                    await using (var job = Db(null)) await OverdueInvoices.MarkAsync(job, clock);
                    break;
            }
            await owned.SaveChangesAsync();
            await AssertKeptAsync(userId);
        }

        await owned.InvoiceStatusTotals.ExecuteDeleteAsync();
        await KeptInvoiceTotals.FillIfMissingAsync(owned);
        await AssertKeptAsync(userId);
        Assert.NotEmpty(await owned.InvoiceStatusTotals.ToListAsync());
    }
}
