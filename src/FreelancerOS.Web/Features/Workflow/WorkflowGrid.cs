using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>
/// Reads the grid (a page of client incomes, their totals per currency and the options of their selects,
/// in a fixed number of queries) and makes the changes of a row, each through <see cref="IncomeLinks"/>
/// in one transaction, checking the row's version so a stale tab gets a conflict instead of overwriting.
/// </summary>
public sealed class WorkflowGrid(AppDbContext db, TimeProvider clock, CurrentAccount account, IncomeLinks links)
{
    public const string Conflict = "This row was changed in another tab or window since it was shown: it now shows what is saved. Make your change again.";

    /// <summary>The built-in "Client" classification (every account has it from its creation).</summary>
    public Task<int?> ClientCategoryAsync(CancellationToken ct = default) =>
        db.LedgerCategories.Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income && c.Name == LedgerCategory.ClientClassification)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

    public async Task<WorkflowPage> PageAsync(WorkflowFilter filter, string returnUrl, CancellationToken ct = default)
    {
        var settings = await account.SettingsAsync(ct);
        var query = filter.Apply(db.Incomes.AsNoTracking(), await ClientCategoryAsync(ct), settings.Today(clock));
        var totals = await TotalsAsync(query, settings.HomeCurrency, ct);
        var count = totals.Sum(t => t.Count);
        const int pageSize = Paging.DefaultPageSize;
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (count + pageSize - 1) / pageSize));
        var rows = count == 0 ? [] : await Rows(query.OrderByDescending(i => i.Date).ThenByDescending(i => i.Id))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new WorkflowPage(filter, new Paged<WorkflowRow>(rows, page, pageSize, count), totals, await OptionsAsync(rows, ct), returnUrl);
    }

    /// <summary>
    /// Totals per currency. Home-currency rows are summed on their integer minor units (exact, since their rate
    /// is 1): summing decimals, which SQLite stores as text, costs 30-60 times more on a year of entries
    /// (see the ledger benchmark). Only the few foreign-currency rows are summed as decimals.
    /// </summary>
    public static async Task<IReadOnlyList<WorkflowTotal>> TotalsAsync(IQueryable<Income> filtered, string home, CancellationToken ct)
    {
        var groups = await filtered.GroupBy(i => new { i.Currency, Received = i.PaymentModeId != null })
            .Select(g => new { g.Key.Currency, g.Key.Received, Minor = g.Sum(i => i.HomeAmountMinor), Count = g.Count() }).ToListAsync(ct);
        var foreign = groups.Any(g => g.Currency != home)
            ? await filtered.Where(i => i.Currency != home).GroupBy(i => new { i.Currency, Received = i.PaymentModeId != null })
                .Select(g => new { g.Key.Currency, g.Key.Received, Sum = g.Sum(i => i.Amount) }).ToListAsync(ct)
            : [];
        decimal Sum(string currency, bool? received) => currency == home
            ? LedgerEntry.FromMinor(groups.Where(g => g.Currency == home && (received is null || g.Received == received)).Sum(g => g.Minor), home)
            : foreign.Where(g => g.Currency == currency && (received is null || g.Received == received)).Sum(g => g.Sum);
        return groups.GroupBy(g => g.Currency).OrderBy(g => g.Key)
            .Select(g => new WorkflowTotal(g.Key, Sum(g.Key, null), Sum(g.Key, true), g.Sum(x => x.Count))).ToList();
    }

    public async Task<IReadOnlyList<WorkflowTotal>> TotalsAsync(WorkflowFilter filter, int? category, CancellationToken ct)
    {
        var settings = await account.SettingsAsync(ct);
        return await TotalsAsync(filter.Apply(db.Incomes.AsNoTracking(), category, settings.Today(clock)), settings.HomeCurrency, ct);
    }

    public Task<WorkflowRow?> RowAsync(int id, CancellationToken ct = default) =>
        Rows(db.Incomes.AsNoTracking().Where(i => i.Id == id)).SingleOrDefaultAsync(ct)!;

    private static IQueryable<WorkflowRow> Rows(IQueryable<Income> query) => query.Select(i => new WorkflowRow(
        i.Id, i.Date, i.Description, i.Amount, i.Currency, i.InvoiceId, i.ClientId, i.ProjectId, i.ServiceId, i.PaymentModeId, i.Version));

    /// <summary>
    /// Five queries whatever the number of rows: the invoices a row may pick (open ones of the page's clients
    /// and currencies, plus each row's own), clients, projects and services of those clients, payment modes.
    /// </summary>
    public async Task<WorkflowOptions> OptionsAsync(IReadOnlyList<WorkflowRow> rows, CancellationToken ct = default)
    {
        var clientIds = rows.Where(r => r.ClientId is not null).Select(r => r.ClientId!.Value).Distinct().ToList();
        var anyWithoutClient = rows.Any(r => r.ClientId is null);
        var own = rows.Where(r => r.InvoiceId is not null).Select(r => r.InvoiceId!.Value).Distinct().ToList();
        var currencies = rows.Select(r => r.Currency).Distinct().ToList();
        var linkable = new[] { InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue };
        var invoices = rows.Count == 0 ? [] : await db.Invoices.AsNoTracking()
            .Where(i => own.Contains(i.Id) || (linkable.Contains(i.Status) && currencies.Contains(i.Currency) && (anyWithoutClient || clientIds.Contains(i.ClientId))))
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            .Select(i => new InvoiceOption(i.Id, i.Number, i.IssueDate, i.ClientId, i.Client!.Name, i.Currency, i.Status, i.Total, i.AmountPaid))
            .ToListAsync(ct);
        var clients = await db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived || clientIds.Contains(c.Id))
            .OrderBy(c => c.Name).Select(c => new WorkClientOption(c.Id, c.Name, c.Currency)).ToListAsync(ct);
        var projects = rows.Count == 0 ? [] : await db.Projects.AsNoTracking().Where(p => anyWithoutClient || clientIds.Contains(p.ClientId))
            .OrderBy(p => p.Name).Select(p => new WorkProjectOption(p.Id, p.Name, p.ClientId)).ToListAsync(ct);
        var projectIds = projects.Select(p => p.Id).ToList();
        var services = projects.Count == 0 ? [] : await db.Services.AsNoTracking()
            .Where(s => anyWithoutClient || clientIds.Contains(s.Project!.ClientId))
            .OrderBy(s => s.Name).Select(s => new WorkServiceOption(s.Id, s.Name, s.ProjectId)).ToListAsync(ct);
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => new ModeOption(m.Id, m.Name)).ToListAsync(ct);
        return new WorkflowOptions(invoices, clients, projects, services.Where(s => projectIds.Contains(s.ProjectId)).ToList(), modes);
    }

    /// <summary>Saves a row's links. Null when saved; otherwise why not (nothing saved). NotFound for an unknown or foreign income.</summary>
    public async Task<(bool Found, string? Refusal)> SaveAsync(int incomeId, WorkflowRowForm form, CancellationToken ct = default) =>
        await ChangeAsync(incomeId, form.Version, async income => await links.ApplyAsync(income, form.ToChange(), ct), ct);

    /// <summary>A new draft for the row's client, with the income on it as a line.</summary>
    public Task<(bool Found, string? Refusal)> NewDraftAsync(int incomeId, int version, CancellationToken ct = default) =>
        ChangeAsync(incomeId, version, async income =>
        {
            if (income.ClientId is not { } clientId)
                throw new DomainException("Choose the row's client first: a draft invoice is for one client.");
            if (income.InvoiceId is not null)
                throw new DomainException("This income is already on an invoice: choose no invoice first.");
            var settings = await account.SettingsAsync(ct);
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
            var today = settings.Today(clock);
            var draft = Invoice.CreateDraft(client, today, Invoice.DefaultDueDate(today, settings.PaymentTermsDays), null, null, clock.GetUtcNow());
            db.Invoices.Add(draft);
            await db.SaveChangesAsync(ct);
            await links.ApplyAsync(income, Change(income) with { InvoiceId = draft.Id }, ct);
        }, ct);

    /// <summary>A new client (stage Client, in the income's currency), linked to the row.</summary>
    public Task<(bool Found, string? Refusal)> NewClientAsync(int incomeId, int version, string name, CancellationToken ct = default) =>
        ChangeAsync(incomeId, version, async income =>
        {
            var client = new Client { Name = name.Trim(), Currency = income.Currency };
            client.MoveTo(ClientStage.Client, (await db.Clients.Where(c => c.Stage == ClientStage.Client).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1);
            db.Clients.Add(client);
            await db.SaveChangesAsync(ct);
            await links.ApplyAsync(income, Change(income) with { ClientId = client.Id, ProjectId = null, ServiceId = null }, ct);
        }, ct);

    /// <summary>A new project of the row's client, linked to the row.</summary>
    public Task<(bool Found, string? Refusal)> NewProjectAsync(int incomeId, int version, string name, CancellationToken ct = default) =>
        ChangeAsync(incomeId, version, async income =>
        {
            if (income.ClientId is not { } clientId)
                throw new DomainException("Choose the row's client first: a project belongs to a client.");
            var project = new Project { Name = name.Trim(), ClientId = clientId };
            project.MoveTo(Priority.Medium, (await db.Projects.Where(p => p.Priority == Priority.Medium).MaxAsync(p => (int?)p.SortOrder, ct) ?? 0) + 1);
            db.Projects.Add(project);
            await db.SaveChangesAsync(ct);
            await links.ApplyAsync(income, Change(income) with { ProjectId = project.Id, ServiceId = null }, ct);
        }, ct);

    private static IncomeLinkChange Change(Income i) => new(i.InvoiceId, i.ClientId, i.ProjectId, i.ServiceId, i.PaymentModeId);

    private async Task<(bool Found, string? Refusal)> ChangeAsync(int incomeId, int version, Func<Income, Task> change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var income = await db.Incomes.SingleOrDefaultAsync(i => i.Id == incomeId, ct);
        if (income is null) return (false, null);
        if (income.Version != version) return (true, Conflict);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await change(income);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (true, null);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return (true, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (true, Conflict);
        }
    }
}
