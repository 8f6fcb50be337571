using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// Double billing on PostgreSQL, where the requests really run in parallel: ten drafts taking the same
/// time entry at once (./test.sh starts the server and sets FREELANCEROS_TEST_POSTGRES).
/// </summary>
public sealed class PostgresBilledWorkTests : IAsyncLifetime
{
    private sealed class User(string? id) : ICurrentUser
    {
        public string? UserId => id;
    }

    private readonly PostgresDatabase _database = new();
    private string _connection => _database.ConnectionString;

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

    private readonly FakeClock _clock = new();

    private static InvoiceForm DraftForm(int clientId, int k) => new()
    {
        ClientId = clientId, IssueDate = new DateOnly(2026, 11, 22), DueDate = new DateOnly(2026, 12, 22), Notes = $"request {k}",
    };

    /// <summary>What the invoice form's save does, in its own context and connection as a concurrent request would: true when this draft was saved.</summary>
    private async Task<bool> CreateDraftAsync(string userId, InvoiceForm form)
    {
        await using var db = Db(userId);
        var drafts = new DraftInvoices(db, new BilledWork(db), new CurrentAccount(db, _clock), _clock, []);
        var result = await drafts.CreateAsync(form);
        // A loser is refused up front (it read the work after the winner committed) or loses the claim: never another error.
        if (result.Outcome != DraftOutcome.Saved) Assert.Equal("Work", result.Field);
        return result.Outcome == DraftOutcome.Saved;
    }

    [Fact]
    public async Task TenDraftsTakingTheSameTimeEntryAtOnce_OneWins_TheOthersSaveNothing_AndDeletingReleasesIt()
    {
        var userId = Guid.NewGuid().ToString();
        await using (var db = Db(null))
        {
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = $"{userId}@example.com" });
            await db.SaveChangesAsync();
        }
        int clientId, entryId, milestoneId;
        await using (var owned = Db(userId))
        {
            var client = new Client { Name = "Parallel Ltd", Currency = "EUR" };
            var project = new Project { Name = "Site", Client = client, Pricing = ProjectPricing.FixedPrice, Value = 1000m };
            // A fixed-price project's time is billed through its milestones: the hours come from an hourly project.
            var hourly = new Project { Name = "Support", Client = client, Pricing = ProjectPricing.Hourly };
            owned.Projects.AddRange(project, hourly);
            await owned.SaveChangesAsync();
            var newEntry = new TimeEntry { Date = new DateOnly(2026, 10, 5), ProjectId = hourly.Id, Billable = true };
            newEntry.SnapshotRate(100m, "EUR");
            newEntry.SetHours(2m);
            var newMilestone = new Milestone { ProjectId = project.Id, Name = "Kick-off", Amount = 300m, State = MilestoneState.Reached };
            owned.TimeEntries.Add(newEntry);
            owned.Milestones.Add(newMilestone);
            await owned.SaveChangesAsync();
            (clientId, entryId, milestoneId) = (client.Id, newEntry.Id, newMilestone.Id);
        }

        async Task<bool> TryBillAsync(int k)
        {
            // Every other request also takes the milestone: a loser must not keep it either.
            var form = DraftForm(clientId, k);
            form.TimeEntryIds = [entryId];
            form.TimeLines = TimeLineMode.PerEntry;
            if (k % 2 == 0) form.MilestoneIds = [milestoneId];
            return await CreateDraftAsync(userId, form);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(k => Task.Run(() => TryBillAsync(k))));

        Assert.Single(results, r => r);
        await using var check = Db(userId);
        var invoice = await check.Invoices.Include(i => i.Lines).SingleAsync();
        var entry = await check.TimeEntries.SingleAsync(t => t.Id == entryId);
        Assert.Equal(invoice.Id, entry.InvoiceId);
        Assert.Equal(invoice.Lines.Single(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry).Id, entry.InvoiceLineId);
        var milestone = await check.Milestones.SingleAsync(m => m.Id == milestoneId);
        var winnerTookMilestone = invoice.Lines.Any(l => l.SourceKind == InvoiceLineSourceKind.Milestone);
        Assert.Equal(winnerTookMilestone ? invoice.Id : null, milestone.InvoiceId);
        Assert.Equal(winnerTookMilestone ? MilestoneState.Invoiced : MilestoneState.Reached, milestone.State);

        // Deleting the draft the way the app does (the hook in the delete transaction) releases both.
        await using (var delete = Db(userId))
        await using (var tx = await delete.Database.BeginTransactionAsync())
        {
            var draft = await delete.Invoices.Include(i => i.Lines).SingleAsync();
            await new BilledWorkHook(new BilledWork(delete)).OnDraftDeletingAsync(draft, default);
            delete.Invoices.Remove(draft);
            await delete.SaveChangesAsync();
            await tx.CommitAsync();
        }
        await using var after = Db(userId);
        Assert.Null((await after.TimeEntries.SingleAsync(t => t.Id == entryId)).InvoiceId);
        Assert.Equal(MilestoneState.Reached, (await after.Milestones.SingleAsync(m => m.Id == milestoneId)).State);
    }

    [Fact]
    public async Task TenDraftsTakingTheSameRechargeableExpenseAtOnce_OneWins_AndVoidReleasesIt()
    {
        var userId = Guid.NewGuid().ToString();
        await using (var db = Db(null))
        {
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = $"{userId}@example.com" });
            await db.SaveChangesAsync();
        }
        int clientId, expenseId;
        await using (var owned = Db(userId))
        {
            var client = new Client { Name = "Parallel Ltd", Currency = "EUR" };
            var project = new Project { Name = "Site", Client = client };
            owned.Projects.Add(project);
            await owned.SaveChangesAsync();
            var expense = new Expense { Description = "Train", Vendor = "SNCF", Rechargeable = true, ProjectId = project.Id };
            expense.Record(new DateOnly(2026, 10, 12), 84.50m, "EUR", null, "EUR");
            owned.Expenses.Add(expense);
            await owned.SaveChangesAsync();
            (clientId, expenseId) = (client.Id, expense.Id);
        }

        async Task<bool> TryBillAsync(int k)
        {
            var form = DraftForm(clientId, k);
            form.ExpenseIds = [expenseId];
            return await CreateDraftAsync(userId, form);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(k => Task.Run(() => TryBillAsync(k))));

        Assert.Single(results, r => r);
        int invoiceId;
        await using (var check = Db(userId))
        {
            var invoice = await check.Invoices.Include(i => i.Lines).SingleAsync();
            invoiceId = invoice.Id;
            Assert.Equal(84.50m, invoice.Total);
            Assert.Equal(invoice.Id, (await check.Expenses.SingleAsync(e => e.Id == expenseId)).InvoiceId);
        }
        await using (var release = Db(userId))
        {
            var draft = await release.Invoices.SingleAsync(i => i.Id == invoiceId);
            await new BilledWorkHook(new BilledWork(release)).OnVoidedAsync(draft, default);
        }
        await using var after = Db(userId);
        Assert.Null((await after.Expenses.SingleAsync(e => e.Id == expenseId)).InvoiceId);
    }
}
