using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// Each kind of billable work has one "is billable" rule: what the invoice form offers, what the
/// dashboard sums, what a pick may take and what the claim's update takes are the same items, and
/// what a draft took comes back when its line is removed, the draft deleted or the invoice voided.
/// The services the controllers call, on the real SQLite database.
/// </summary>
public sealed class BillableSourcesTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>One billable item of each kind (the "Billable" ids) beside items the rules leave out.</summary>
    private sealed record Seeded(
        string UserId, int ClientId, int Time, int Milestone, int Service, int ScopeChange, int Expense,
        int NotBillableTime, int FixedPriceTime, int PendingMilestone, int HourlyService, int ProposedChange, int ChangeWithoutAmount,
        int PrivateExpense, int ExpenseOfNoProject, int ExpenseOfAnotherClient);

    private async Task<T> AsAsync<T>(string userId, Func<IServiceProvider, AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static TimeEntry Time(Project project, decimal hours, bool billable = true)
    {
        var entry = new TimeEntry { Project = project, Date = new DateOnly(2026, 10, 5), Billable = billable };
        entry.SnapshotRate(100m, "EUR");
        entry.SetHours(hours);
        return entry;
    }

    private static Expense Expense(string description, decimal amount, Project? project, bool rechargeable = true)
    {
        var expense = new Expense { Description = description, Vendor = "SNCF", ProjectId = project?.Id, Rechargeable = rechargeable };
        expense.Record(new DateOnly(2026, 10, 12), amount, "EUR", null, "EUR");
        return expense;
    }

    private async Task<Seeded> SeedAsync()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        return await AsAsync(userId, async (_, db) =>
        {
            var acme = new Client { Name = "Acme Ltd", Currency = "EUR" };
            var support = new Project { Name = "Support", Client = acme, Pricing = ProjectPricing.Hourly };
            var shop = new Project { Name = "Shop", Client = acme, Pricing = ProjectPricing.FixedPrice, Value = 1000m };
            var elsewhere = new Project { Name = "Elsewhere", Client = new Client { Name = "Other Co", Currency = "EUR" }, Pricing = ProjectPricing.Hourly };
            db.Projects.AddRange(support, shop, elsewhere);
            await db.SaveChangesAsync();
            TimeEntry[] time = [Time(support, 2m), Time(support, 1m, billable: false), Time(shop, 3m)];
            Milestone[] milestones =
            [
                new() { ProjectId = shop.Id, Name = "Kick-off", Amount = 300m, State = MilestoneState.Reached, SortOrder = 1 },
                new() { ProjectId = shop.Id, Name = "Launch", Amount = 400m, State = MilestoneState.Pending, SortOrder = 2 },
            ];
            Service[] services =
            [
                new() { ProjectId = support.Id, Name = "Audit", Pricing = ServicePricing.Flat, Rate = 250m, Quantity = 2m },
                new() { ProjectId = support.Id, Name = "Development", Pricing = ServicePricing.Hourly, Rate = 100m, Quantity = 10m },
            ];
            ScopeChange[] changes =
            [
                new() { ProjectId = shop.Id, Description = "Extra page", EstimateAmount = 150m, State = ScopeChangeState.Approved },
                new() { ProjectId = shop.Id, Description = "Newsletter", EstimateAmount = 99m, State = ScopeChangeState.Proposed },
                new() { ProjectId = shop.Id, Description = "More hours", EstimateHours = 5m, State = ScopeChangeState.Approved },
            ];
            Expense[] expenses =
            [
                Expense("Train to Lyon", 84.50m, support), Expense("Office chair", 30m, support, rechargeable: false),
                Expense("Stamps", 12m, null), Expense("Taxi", 20m, elsewhere),
            ];
            db.AddRange(time);
            db.AddRange(milestones);
            db.AddRange(services);
            db.AddRange(changes);
            db.AddRange(expenses);
            await db.SaveChangesAsync();
            return new Seeded(userId, acme.Id, time[0].Id, milestones[0].Id, services[0].Id, changes[0].Id, expenses[0].Id,
                time[1].Id, time[2].Id, milestones[1].Id, services[1].Id, changes[1].Id, changes[2].Id, expenses[1].Id, expenses[2].Id, expenses[3].Id);
        });
    }

    private static WorkPick Pick(int[]? time = null, int[]? milestones = null, int[]? services = null, int[]? changes = null, int[]? expenses = null) =>
        new(null, null, [], time ?? [], TimeLineMode.PerEntry, milestones ?? [], services ?? [], changes ?? [], expenses ?? []);

    private static WorkPick All(Seeded s) => Pick([s.Time], [s.Milestone], [s.Service], [s.ScopeChange], [s.Expense]);

    private Task<UnbilledWork> FormAsync(Seeded s) => AsAsync(s.UserId, async (_, db) => (await new BilledWork(db).UnbilledAsync(s.ClientId, null, null))!);

    private Task<UnbilledTotal> TotalsAsync(Seeded s) =>
        AsAsync(s.UserId, async (_, db) => (await new BilledWork(db).UnbilledTotalsAsync()).SingleOrDefault() ?? new UnbilledTotal("EUR", 0m, 0m, 0));

    private static void AssertOffersEverything(Seeded s, UnbilledWork form)
    {
        Assert.Equal([s.Time], form.Time.SelectMany(g => g.Entries).Select(e => e.Id));
        Assert.Equal([s.Milestone], form.Milestones.Select(i => i.Id));
        Assert.Equal([s.Service], form.Services.Select(i => i.Id));
        Assert.Equal([s.ScopeChange], form.ScopeChanges.Select(i => i.Id));
        Assert.Equal([s.Expense], form.Expenses.Select(i => i.Id));
    }

    private Task<DraftResult> CreateDraftAsync(Seeded s, WorkPick pick) => AsAsync(s.UserId, (services, _) =>
    {
        var form = new InvoiceForm
        {
            ClientId = s.ClientId, IssueDate = new DateOnly(2026, 11, 22), TimeEntryIds = [.. pick.TimeEntryIds], TimeLines = pick.TimeLines,
            MilestoneIds = [.. pick.MilestoneIds], ServiceIds = [.. pick.ServiceIds], ScopeChangeIds = [.. pick.ScopeChangeIds], ExpenseIds = [.. pick.Expenses],
        };
        return services.GetRequiredService<DraftInvoices>().CreateAsync(form);
    });

    [Fact]
    public async Task EachKind_TheFormOffersWhatItsRuleAllows_AndTheDashboardSumsTheSame()
    {
        var s = await SeedAsync();

        var form = await FormAsync(s);

        AssertOffersEverything(s, form);
        Assert.Equal(("Support", 2m, 200m), (form.Time.Single().ProjectName, form.Time.Single().Hours, form.Time.Single().Amount));
        Assert.Equal([300m, 500m, 150m, 84.50m], form.Milestones.Concat(form.Services).Concat(form.ScopeChanges).Concat(form.Expenses).Select(i => i.Amount));
        // Rechargeable expenses pass a cost on: they are billed, but not part of the dashboard's unbilled value.
        Assert.Equal(new UnbilledTotal("EUR", 2m, 200m + 300m + 500m + 150m, 3), await TotalsAsync(s));
    }

    [Fact]
    public async Task EachKind_APickOfWhatTheFormOffers_BecomesOneLineEach()
    {
        var s = await SeedAsync();

        var picked = await AsAsync(s.UserId, (_, db) => new BilledWork(db).ResolveAsync(All(s), s.ClientId));

        Assert.Null(picked.Refusal);
        Assert.Equal(
        [
            (InvoiceLineSourceKind.TimeEntry, 200m), (InvoiceLineSourceKind.Milestone, 300m), (InvoiceLineSourceKind.Service, 500m),
            (InvoiceLineSourceKind.ScopeChange, 150m), (InvoiceLineSourceKind.Expense, 84.50m),
        ], picked.Lines.Select(l => (l.Item.SourceKind, l.Item.Quantity * l.Item.UnitPrice)));
        Assert.All(picked.Lines, l => Assert.NotNull(l.Item.ProjectId));
    }

    public static TheoryData<string, string> NotBillable => new()
    {
        { nameof(Seeded.NotBillableTime), "is not billable" },
        { nameof(Seeded.FixedPriceTime), "is work on a fixed-price project" },
        { nameof(Seeded.PendingMilestone), "Milestone Launch (Shop) is not reached yet." },
        { nameof(Seeded.HourlyService), "Service Development (Support) is hourly: bill its time instead." },
        { nameof(Seeded.ProposedChange), "The scope change \"Newsletter\" (Shop) is not an approved change with an amount." },
        { nameof(Seeded.ChangeWithoutAmount), "The scope change \"More hours\" (Shop) is not an approved change with an amount." },
        { nameof(Seeded.PrivateExpense), "The expense Office chair (SNCF, 2026-10-12) is not a rechargeable expense of a project." },
        { nameof(Seeded.ExpenseOfNoProject), "The expense Stamps (SNCF, 2026-10-12) is not a rechargeable expense of a project." },
        { nameof(Seeded.ExpenseOfAnotherClient), "The expense Taxi (SNCF, 2026-10-12) belongs to Elsewhere, a project of another client." },
    };

    [Theory]
    [MemberData(nameof(NotBillable))]
    public async Task AnItemTheFormDoesNotOffer_IsRefusedByName_AndNoDraftIsSaved(string item, string message)
    {
        var s = await SeedAsync();
        var id = (int)typeof(Seeded).GetProperty(item)!.GetValue(s)!;
        var pick = item switch
        {
            _ when item.EndsWith("Time", StringComparison.Ordinal) => Pick(time: [id]),
            _ when item.EndsWith("Milestone", StringComparison.Ordinal) => Pick(milestones: [id]),
            _ when item.EndsWith("Service", StringComparison.Ordinal) => Pick(services: [id]),
            _ when item.Contains("Change", StringComparison.Ordinal) => Pick(changes: [id]),
            _ => Pick(expenses: [id]),
        };

        var result = await CreateDraftAsync(s, pick);

        Assert.Equal((DraftOutcome.Refused, "Work"), (result.Outcome, result.Field));
        Assert.Contains(message, result.Message);
        Assert.Equal(0, await AsAsync(s.UserId, (_, db) => db.Invoices.CountAsync()));
    }

    public static TheoryData<string> Kinds => new() { "time", "milestone", "service", "scope change", "expense" };

    /// <summary>
    /// The claim's condition is the kind's rule: an item that stopped being billable between reading the
    /// form and saving (another tab billed it, or changed it) is not taken, and the draft is not saved.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnItemThatStopsBeingBillableBeforeTheClaim_IsNotTaken_AndNothingIsSaved(string kind)
    {
        var s = await SeedAsync();
        var picked = await AsAsync(s.UserId, (_, db) => new BilledWork(db).ResolveAsync(All(s), s.ClientId));
        await AsAsync(s.UserId, (_, db) => kind switch
        {
            "time" => db.TimeEntries.Where(t => t.Id == s.Time).ExecuteUpdateAsync(x => x.SetProperty(t => t.Billable, false)),
            "milestone" => db.Milestones.Where(m => m.Id == s.Milestone).ExecuteUpdateAsync(x => x.SetProperty(m => m.State, MilestoneState.Pending)),
            "service" => db.Services.Where(v => v.Id == s.Service).ExecuteUpdateAsync(x => x.SetProperty(v => v.Pricing, ServicePricing.Hourly)),
            "scope change" => db.ScopeChanges.Where(c => c.Id == s.ScopeChange).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, ScopeChangeState.Rejected)),
            _ => db.Expenses.Where(e => e.Id == s.Expense).ExecuteUpdateAsync(x => x.SetProperty(e => e.Rechargeable, false)),
        });

        var error = await Assert.ThrowsAsync<AlreadyBilledException>(() => AsAsync(s.UserId, async (_, db) =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == s.ClientId);
            var invoice = Invoice.CreateDraft(client, new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), null, null, DateTimeOffset.UnixEpoch);
            var lines = invoice.AddLines(picked.Lines.Select(l => l.Item).ToList());
            await new BilledWork(db).SaveNewDraftAsync(invoice, lines.Zip(picked.Lines).ToList());
            return 0;
        }));

        Assert.Contains("Nothing was saved", error.Message);
        Assert.Equal(0, await AsAsync(s.UserId, (_, db) => db.Invoices.CountAsync()));
        // The other kinds were not kept either: the whole draft rolled back.
        Assert.Equal(0, await AsAsync(s.UserId, async (_, db) =>
            await db.TimeEntries.CountAsync(t => t.InvoiceId != null) + await db.Milestones.CountAsync(m => m.InvoiceId != null)
            + await db.Services.CountAsync(v => v.InvoiceId != null) + await db.ScopeChanges.CountAsync(c => c.InvoiceId != null)
            + await db.Expenses.CountAsync(e => e.InvoiceId != null)));
    }

    [Fact]
    public async Task BilledWork_IsNotOfferedAgain_NorSummed_AndAVoidGivesEveryKindBack()
    {
        var s = await SeedAsync();
        var draft = await CreateDraftAsync(s, All(s));
        Assert.Equal(DraftOutcome.Saved, draft.Outcome);

        Assert.True((await FormAsync(s)).IsEmpty);
        Assert.Equal(new UnbilledTotal("EUR", 0m, 0m, 0), await TotalsAsync(s));
        Assert.Equal(MilestoneState.Invoiced, await AsAsync(s.UserId, (_, db) => db.Milestones.Where(m => m.Id == s.Milestone).Select(m => m.State).SingleAsync()));
        // A second tab that read the form before: refused by name, nothing saved.
        var second = await CreateDraftAsync(s, Pick(expenses: [s.Expense]));
        Assert.Equal(DraftOutcome.Refused, second.Outcome);
        Assert.Contains("The expense Train to Lyon (SNCF, 2026-10-12) is already on an invoice.", second.Message);

        var id = draft.Invoice!.Id;
        await AsAsync(s.UserId, async (services, _) => (await services.GetRequiredService<InvoiceIssuer>().IssueAsync(id)).Outcome);
        await AsAsync(s.UserId, async (services, _) => (await services.GetRequiredService<InvoiceIssuer>().VoidAsync(id)).Outcome);

        Assert.Equal(InvoiceStatus.Void, await AsAsync(s.UserId, (_, db) => db.Invoices.Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));
        AssertOffersEverything(s, await FormAsync(s));
        Assert.Equal(new UnbilledTotal("EUR", 2m, 1150m, 3), await TotalsAsync(s));
        Assert.Equal(MilestoneState.Reached, await AsAsync(s.UserId, (_, db) => db.Milestones.Where(m => m.Id == s.Milestone).Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task RemovingLinesFromADraft_GivesBackTheirItemsOnly()
    {
        var s = await SeedAsync();
        var id = (await CreateDraftAsync(s, All(s))).Invoice!.Id;
        var invoice = await AsAsync(s.UserId, (_, db) => db.Invoices.Include(i => i.Lines).AsNoTracking().SingleAsync(i => i.Id == id));
        var form = InvoiceForm.From(invoice);
        form.RemoveLineIds = invoice.Lines.Where(l => l.SourceKind is InvoiceLineSourceKind.TimeEntry or InvoiceLineSourceKind.Milestone or InvoiceLineSourceKind.Expense)
            .Select(l => l.Id).ToList();

        var edit = await AsAsync(s.UserId, (services, _) => services.GetRequiredService<DraftInvoices>().EditAsync(id, form));

        Assert.Equal(DraftOutcome.Saved, edit.Outcome);
        var offered = await FormAsync(s);
        Assert.Equal([s.Time], offered.Time.SelectMany(g => g.Entries).Select(e => e.Id));
        Assert.Equal([s.Milestone], offered.Milestones.Select(i => i.Id));
        Assert.Equal([s.Expense], offered.Expenses.Select(i => i.Id));
        Assert.Empty(offered.Services);
        Assert.Empty(offered.ScopeChanges);
        var kept = await AsAsync(s.UserId, (_, db) => db.InvoiceLines.Where(l => l.InvoiceId == id).Select(l => l.SourceKind).ToListAsync());
        Assert.Equal([InvoiceLineSourceKind.Service, InvoiceLineSourceKind.ScopeChange], kept.Order());
    }

    [Fact]
    public async Task TheForm_ReadsEachKindInOneQuery_HoweverManyItems()
    {
        var s = await SeedAsync();
        using var counter = new SqlCounter(app.DataFolder);
        await FormAsync(s);
        var few = counter.Count;
        await AsAsync(s.UserId, async (_, db) =>
        {
            var project = await db.Projects.SingleAsync(p => p.Name == "Support");
            var shop = await db.Projects.SingleAsync(p => p.Name == "Shop");
            db.AddRange(Enumerable.Range(0, 20).Select(_ => Time(project, 1m)));
            db.AddRange(Enumerable.Range(0, 20).Select(k => new Milestone { ProjectId = shop.Id, Name = $"M{k}", Amount = 10m, State = MilestoneState.Reached }));
            db.AddRange(Enumerable.Range(0, 20).Select(k => Expense($"Ticket {k}", 5m, project)));
            return await db.SaveChangesAsync();
        });

        counter.Reset();
        var form = await FormAsync(s);

        Assert.Equal(21, form.Milestones.Count);
        Assert.Equal(few, counter.Count);
        // The client, the time groups and rows, then one query per other kind.
        Assert.True(counter.Count <= 7, string.Join("\n\n", counter.Statements));
    }
}
