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
    /// <summary>The invoices an income can be linked to.</summary>
    private static readonly InvoiceStatus[] Linkable = [InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue];

    public const string Conflict = "This row was changed in another tab or window since it was shown: it now shows what is saved. Make your change again.";

    /// <summary>The built-in "Client" classification (every account has it from its creation).</summary>
    public Task<int?> ClientCategoryAsync(CancellationToken ct = default) => ClientCategoryQuery().FirstOrDefaultAsync(ct);

    private IQueryable<int?> ClientCategoryQuery() =>
        db.LedgerCategories.Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income && c.Name == LedgerCategory.ClientClassification).Select(c => (int?)c.Id);

    public async Task<WorkflowPage> PageAsync(WorkflowFilter filter, string returnUrl, CancellationToken ct = default)
    {
        var settings = await account.SettingsAsync(ct);
        var today = settings.Today(clock);
        // The category is a subquery of each statement rather than a statement of its own (without it there are no client incomes).
        // Built only when the totals sum incomes: the default view's totals and rows are compiled queries.
        IQueryable<Income> Filtered() => filter.Apply(db.Incomes.AsNoTracking(), ClientCategoryQuery().Select(id => id ?? 0), today);
        var totals = await WorkflowTotals.ForFilterAsync(db, filter, Filtered, today, settings.HomeCurrency, ct);
        var count = totals.Sum(t => t.Count);
        const int pageSize = Paging.DefaultPageSize;
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (count + pageSize - 1) / pageSize));
        var shown = count == 0 ? [] : await ShownAsync(filter, today, (page - 1) * pageSize, pageSize, ct);
        // The joins keep the page's order in practice; sorted again here so that nothing depends on it.
        shown = shown.OrderByDescending(s => s.Row.Date).ThenByDescending(s => s.Row.Id).ToList();
        var rows = shown.Select(s => s.Row).ToList();
        return new WorkflowPage(filter, new Paged<WorkflowRow>(rows, page, pageSize, count), totals, await ShownOptionsAsync(shown, filter.Client, ct), returnUrl);
    }

    /// <summary>A row of a page with the names it shows (its own invoice, client, project, service and mode), read with the row.</summary>
    private sealed record ShownRow(WorkflowRow Row, InvoiceOption? Invoice, string? ProjectName, int? ProjectClientId, string? ServiceName, int? ServiceProjectId,
        string? ClientName, string? ClientCurrency, bool ClientArchived);

    private async Task<List<ShownRow>> ShownAsync(WorkflowFilter filter, DateOnly today, int skip, int take, CancellationToken ct)
    {
        var (from, to) = filter.Range(today);
        var text = string.IsNullOrWhiteSpace(filter.Q) ? null : filter.Q.Trim().ToLowerInvariant();
        var rows = new List<ShownRow>(take);
        await foreach (var row in PageRows.For(db)(db, from, to, filter.Client, filter.Unlinked ? true : null,
                           filter.Received == "yes" ? true : null, filter.Received == "no" ? true : null, text, skip, take).WithCancellation(ct))
            rows.Add(row);
        return rows;
    }

    /// <summary>
    /// A page of the grid with what its rows show, every filter a parameter (WorkflowFilter.Narrow's rules): compiled once,
    /// as building the joins' expression and looking it up again on every view cost as much as running it. A filter left out
    /// is a null parameter, which EF Core drops from the statement (its SQL is kept per parameter that is null or not), so each
    /// filter's statement is the one the filter alone would build.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly?, DateOnly?, int?, bool?, bool?, bool?, string?, int, int, IAsyncEnumerable<ShownRow>>> PageRows =
        new(() => EF.CompileAsyncQuery(
            (AppDbContext db, DateOnly? firstDay, DateOnly? lastDay, int? client, bool? unlinked, bool? received, bool? notReceived, string? text, int skip, int take) =>
                from i in db.Incomes.AsNoTracking()
                    .Where(i => i.CategoryId == (db.LedgerCategories
                        .Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income && c.Name == LedgerCategory.ClientClassification)
                        .Select(c => (int?)c.Id).FirstOrDefault() ?? 0))
                    .Where(i => firstDay == null || i.Date >= firstDay)
                    .Where(i => lastDay == null || i.Date <= lastDay)
                    .Where(i => client == null || i.ClientId == client)
                    .Where(i => unlinked == null || i.InvoiceId == null || i.ClientId == null || i.ProjectId == null)
                    .Where(i => received == null || i.PaymentModeId != null)
                    .Where(i => notReceived == null || i.PaymentModeId == null)
                    .Where(i => text == null || i.Description.ToLower().Contains(text))
                    .OrderByDescending(i => i.Date).ThenByDescending(i => i.Id)
                    .Skip(skip).Take(take)
                join v in db.Invoices on i.InvoiceId equals (int?)v.Id into invoices
                from v in invoices.DefaultIfEmpty()
                join p in db.Projects on i.ProjectId equals (int?)p.Id into projects
                from p in projects.DefaultIfEmpty()
                join s in db.Services on i.ServiceId equals (int?)s.Id into services
                from s in services.DefaultIfEmpty()
                select new ShownRow(
                    new WorkflowRow(i.Id, i.Date, i.Description, i.Amount, i.Currency, i.InvoiceId, i.ClientId, i.ProjectId, i.ServiceId, i.PaymentModeId, i.Version),
                    v == null ? null : new InvoiceOption(v.Id, v.Number, v.IssueDate, v.ClientId, v.Client!.Name, v.Currency, v.Status, v.Total, v.AmountPaid),
                    p == null ? null : p.Name, p == null ? null : p.ClientId, s == null ? null : s.Name, s == null ? null : s.ProjectId,
                    i.Client == null ? null : i.Client!.Name, i.Client == null ? null : i.Client!.Currency, i.Client != null && i.Client!.Stage == ClientStage.Archived)));

    public async Task<IReadOnlyList<WorkflowTotal>> TotalsAsync(WorkflowFilter filter, int? category, CancellationToken ct)
    {
        var settings = await account.SettingsAsync(ct);
        var today = settings.Today(clock);
        return await WorkflowTotals.ForFilterAsync(db, filter, filter.Apply(db.Incomes.AsNoTracking(), category, today),
            today, settings.HomeCurrency, ct);
    }

    public Task<WorkflowRow?> RowAsync(int id, CancellationToken ct = default) =>
        Rows(db.Incomes.AsNoTracking().Where(i => i.Id == id)).SingleOrDefaultAsync(ct)!;

    private static IQueryable<WorkflowRow> Rows(IQueryable<Income> query) => query.Select(i => new WorkflowRow(
        i.Id, i.Date, i.Description, i.Amount, i.Currency, i.InvoiceId, i.ClientId, i.ProjectId, i.ServiceId, i.PaymentModeId, i.Version));

    /// <summary>
    /// Two queries whatever the number of rows: the invoices a row may pick (open ones of the page's clients and
    /// currencies, plus each row's own), and in one more the names to pick from: clients, the projects and services
    /// of the page's clients, payment modes.
    /// </summary>
    public async Task<WorkflowOptions> OptionsAsync(IReadOnlyList<WorkflowRow> rows, CancellationToken ct = default)
    {
        var clientIds = rows.Where(r => r.ClientId is not null).Select(r => r.ClientId!.Value).Distinct().ToList();
        var anyWithoutClient = rows.Any(r => r.ClientId is null);
        var any = rows.Count > 0;
        var own = rows.Where(r => r.InvoiceId is not null).Select(r => r.InvoiceId!.Value).Distinct().ToList();
        var currencies = rows.Select(r => r.Currency).Distinct().ToList();
        var invoices = !any ? [] : Newest(await db.Invoices.AsNoTracking()
            .Where(i => own.Contains(i.Id) || (Linkable.Contains(i.Status) && currencies.Contains(i.Currency) && (anyWithoutClient || clientIds.Contains(i.ClientId))))
            .Select(i => new InvoiceOption(i.Id, i.Number, i.IssueDate, i.ClientId, i.Client!.Name, i.Currency, i.Status, i.Total, i.AmountPaid))
            .ToListAsync(ct));
        var names = await db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived || clientIds.Contains(c.Id))
            .Select(c => new { Kind = NameKind.Client, c.Id, c.Name, Parent = 0, c.Currency })
            .Concat(db.Projects.AsNoTracking().Where(p => any && (anyWithoutClient || clientIds.Contains(p.ClientId)))
                .Select(p => new { Kind = NameKind.Project, p.Id, p.Name, Parent = p.ClientId, Currency = "" }))
            .Concat(db.Services.AsNoTracking().Where(s => any && (anyWithoutClient || clientIds.Contains(s.Project!.ClientId)))
                .Select(s => new { Kind = NameKind.Service, s.Id, s.Name, Parent = s.ProjectId, Currency = "" }))
            .Concat(db.PaymentModes.AsNoTracking().Select(m => new { Kind = NameKind.Mode, m.Id, m.Name, Parent = 0, Currency = "" }))
            .OrderBy(n => n.Kind).ThenBy(n => n.Name)
            .ToListAsync(ct);
        var projects = names.Where(n => n.Kind == NameKind.Project).Select(n => new WorkProjectOption(n.Id, n.Name, n.Parent)).ToList();
        var projectIds = projects.Select(p => p.Id).ToHashSet();
        return new WorkflowOptions(invoices,
            names.Where(n => n.Kind == NameKind.Client).Select(n => new WorkClientOption(n.Id, n.Name, n.Currency)).ToList(),
            projects,
            names.Where(n => n.Kind == NameKind.Service && projectIds.Contains(n.Parent)).Select(n => new WorkServiceOption(n.Id, n.Name, n.Parent)).ToList(),
            names.Where(n => n.Kind == NameKind.Mode).Select(n => new ModeOption(n.Id, n.Name)).ToList())
        {
            Scope = anyWithoutClient ? "all" : string.Join(' ', clientIds),
        };
    }

    /// <summary>
    /// What the page's light rows show (read with the rows) and the short lists the page holds itself, in one query whatever
    /// the rows: payment modes, and the filter's chosen client. The page lists only the clients of its rows (and the chosen
    /// one): every client (hundreds in a long-running business) comes with the long lists from <see cref="ListsAsync"/>,
    /// which reads them anyway, once the page is shown.
    /// </summary>
    private async Task<WorkflowOptions> ShownOptionsAsync(IReadOnlyList<ShownRow> shown, int? chosenClient, CancellationToken ct)
    {
        var clientIds = shown.Where(r => r.Row.ClientId is not null).Select(r => r.Row.ClientId!.Value).Distinct().ToList();
        var names = new List<NameRow>();
        await foreach (var name in PageNames.For(db)(db, chosenClient).WithCancellation(ct)) names.Add(name);
        var clients = shown.Where(r => r.ClientName is not null)
            .Select(r => new NameRow(NameKind.Client, r.Row.ClientId!.Value, r.ClientName!, 0, r.ClientCurrency!))
            .Concat(names.Where(n => n.Kind == NameKind.Client))
            .DistinctBy(n => n.Id)
            // The order of the full list (SQLite's binary collation).
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id);
        var invoices = shown.Where(r => r.Invoice is not null).Select(r => r.Invoice!).DistinctBy(i => i.Id).ToList();
        var projects = shown.Where(r => r.ProjectName is not null)
            .Select(r => new NameRow(NameKind.Project, r.Row.ProjectId!.Value, r.ProjectName!, r.ProjectClientId!.Value, ""));
        var services = shown.Where(r => r.ServiceName is not null)
            .Select(r => new NameRow(NameKind.Service, r.Row.ServiceId!.Value, r.ServiceName!, r.ServiceProjectId!.Value, ""));
        return Options(invoices, [.. clients, .. names.Where(n => n.Kind != NameKind.Client), .. projects.Concat(services).DistinctBy(n => (n.Kind, n.Id))],
            anyWithoutClient: shown.Any(r => r.Row.ClientId is null), clientIds);
    }

    /// <summary>
    /// The long lists of the page's rows, read once the page is shown: the open invoices (every currency: the page's
    /// script matches a row's), projects and services of the scope's clients (<see cref="WorkflowOptions.Scope"/>), and
    /// the clients and modes their names need. Two queries.
    /// </summary>
    public async Task<WorkflowOptions> ListsAsync(WorkflowScope scope, CancellationToken ct = default)
    {
        var (all, clientIds) = (scope.All, scope.ClientIds);
        var invoices = Newest(await db.Invoices.AsNoTracking()
            .Where(InlineSet.In<Invoice, InvoiceStatus>(i => i.Status, Linkable))
            .Where(i => all || clientIds.Contains(i.ClientId))
            .Select(i => new InvoiceOption(i.Id, i.Number, i.IssueDate, i.ClientId, i.Client!.Name, i.Currency, i.Status, i.Total, i.AmountPaid))
            .ToListAsync(ct));
        var names = await NamesAsync(
            db.Projects.AsNoTracking().Where(p => all || clientIds.Contains(p.ClientId)),
            db.Services.AsNoTracking().Where(s => all || clientIds.Contains(s.Project!.ClientId)),
            c => c.Stage != ClientStage.Archived || clientIds.Contains(c.Id), ct);
        return Options(invoices, names, all, clientIds);
    }

    /// <summary>
    /// Newest first, sorted here rather than in SQL: ordered by issue date, SQLite walks every invoice of the account in
    /// that order (ten times the work at the heavy data) instead of reading only the open ones of the clients by their index.
    /// </summary>
    private static List<InvoiceOption> Newest(List<InvoiceOption> invoices) =>
        invoices.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).ToList();

    private sealed record NameRow(NameKind Kind, int Id, string Name, int Parent, string Currency);

    /// <summary>The page's short list, the payment modes, and the filter's chosen client if any (NamesAsync's shape), compiled once.</summary>
    private static readonly CompiledPerModel<Func<AppDbContext, int?, IAsyncEnumerable<NameRow>>> PageNames = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int? chosenClient) => db.Clients.AsNoTracking().Where(c => chosenClient != null && c.Id == chosenClient)
            .Select(c => new { Kind = NameKind.Client, c.Id, c.Name, Parent = 0, c.Currency })
            .Concat(db.PaymentModes.AsNoTracking().Select(m => new { Kind = NameKind.Mode, m.Id, m.Name, Parent = 0, Currency = "" }))
            .OrderBy(n => n.Kind).ThenBy(n => n.Name)
            .Select(n => new NameRow(n.Kind, n.Id, n.Name, n.Parent, n.Currency))));

    /// <summary>The clients of <paramref name="clients"/>, the given projects and services if any, and payment modes, by name in one query.</summary>
    private Task<List<NameRow>> NamesAsync(IQueryable<Project>? projects, IQueryable<Service>? services,
        System.Linq.Expressions.Expression<Func<Client, bool>> clients, CancellationToken ct)
    {
        var names = db.Clients.AsNoTracking().Where(clients)
            .Select(c => new { Kind = NameKind.Client, c.Id, c.Name, Parent = 0, c.Currency });
        if (projects is not null) names = names.Concat(projects.Select(p => new { Kind = NameKind.Project, p.Id, p.Name, Parent = p.ClientId, Currency = "" }));
        if (services is not null) names = names.Concat(services.Select(s => new { Kind = NameKind.Service, s.Id, s.Name, Parent = s.ProjectId, Currency = "" }));
        return names.Concat(db.PaymentModes.AsNoTracking().Select(m => new { Kind = NameKind.Mode, m.Id, m.Name, Parent = 0, Currency = "" }))
            .OrderBy(n => n.Kind).ThenBy(n => n.Name)
            .Select(n => new NameRow(n.Kind, n.Id, n.Name, n.Parent, n.Currency))
            .ToListAsync(ct);
    }

    private static WorkflowOptions Options(List<InvoiceOption> invoices, List<NameRow> names, bool anyWithoutClient, List<int> clientIds) =>
        new(invoices,
            names.Where(n => n.Kind == NameKind.Client).Select(n => new WorkClientOption(n.Id, n.Name, n.Currency)).ToList(),
            names.Where(n => n.Kind == NameKind.Project).Select(n => new WorkProjectOption(n.Id, n.Name, n.Parent)).ToList(),
            names.Where(n => n.Kind == NameKind.Service).Select(n => new WorkServiceOption(n.Id, n.Name, n.Parent)).ToList(),
            names.Where(n => n.Kind == NameKind.Mode).Select(n => new ModeOption(n.Id, n.Name)).ToList())
        {
            Scope = anyWithoutClient ? "all" : string.Join(' ', clientIds),
        };

    private enum NameKind { Client, Project, Service, Mode }

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
