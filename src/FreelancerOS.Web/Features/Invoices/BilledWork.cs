using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Turns unbilled work into invoice lines and keeps "an item is on at most one live invoice", through one
/// <see cref="IBillableSource"/> per kind of work (each with its one "is billable" rule): a draft takes its
/// items with a conditional update (… WHERE the item is still billable) inside the saving transaction and
/// checks the count, so of two requests taking the same item one wins and the other saves nothing. Items
/// come back (unbilled) when their line is removed, the draft deleted or the invoice voided.
/// </summary>
public sealed class BilledWork(AppDbContext db)
{
    /// <summary>Time entries listed one by one on the form; beyond this, the groups are still complete.</summary>
    public const int ListedEntries = TimeBillables.ListedEntries;

    // Made at first use: each kind builds its rule's expression trees when made, and most requests that get this
    // service (the ledger, the invoice board, the dashboard) never bill anything.
    private Kinds? _kinds;
    private Kinds Of => _kinds ??= new Kinds(new(db), new(db), new(db), new(db), new(db));

    private sealed record Kinds(TimeBillables Time, MilestoneBillables Milestones, ServiceBillables Services, ScopeChangeBillables Changes, ExpenseBillables Expenses);

    /// <summary>Every kind, in the order the form lists them and a pick becomes lines.</summary>
    private IEnumerable<IBillableSource> Sources => [Of.Time, Of.Milestones, Of.Services, Of.Changes, Of.Expenses];

    public async Task<UnbilledWork?> UnbilledAsync(int clientId, DateOnly? from, DateOnly? to, CancellationToken ct = default, int? projectId = null)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name, c.Currency }).SingleOrDefaultAsync(ct);
        if (client is null) return null;
        // From a project's page the form starts with that project's items only (a link shows all of the client's).
        var project = projectId is { } pid
            ? await db.Projects.AsNoTracking().Where(p => p.Id == pid && p.ClientId == clientId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(ct)
            : null;
        var only = project?.Id;
        var (time, cut) = await Of.Time.UnbilledAsync(clientId, only, from, to, ct);
        return new UnbilledWork(client.Id, client.Name, client.Currency, from, to, time, cut, await Of.Milestones.UnbilledAsync(clientId, only, ct),
            await Of.Services.UnbilledAsync(clientId, only, ct), await Of.Changes.UnbilledAsync(clientId, only, ct), await Of.Expenses.UnbilledAsync(clientId, only, ct))
        {
            ProjectId = project?.Id, ProjectName = project?.Name,
        };
    }

    /// <summary>"invoice INV-2026-0001" or "a draft invoice": how the ledger names the invoice an expense is billed on.</summary>
    public async Task<string> InvoiceNameAsync(int invoiceId, CancellationToken ct = default)
    {
        var number = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(ct);
        return number is null ? "a draft invoice" : $"invoice {number}";
    }

    /// <summary>"Train to Lyon (SNCF, 2026-10-12)": the expense as its invoice line names it, after the project.</summary>
    public static string ExpenseName(string description, string? vendor, DateOnly date) =>
        $"{Shorten(description.Trim(), 300)} ({(string.IsNullOrWhiteSpace(vendor) ? "" : vendor.Trim() + ", ")}{date:yyyy-MM-dd})";

    /// <summary>
    /// Every client's unbilled work summed per currency (the dashboard's figure): billable hours and their
    /// value, plus reached milestones, flat services and approved scope changes with an amount. Each kind's
    /// rule is the one the invoice form lists by, and all kinds are summed in one statement.
    /// </summary>
    public async Task<IReadOnlyList<UnbilledTotal>> UnbilledTotalsAsync(CancellationToken ct = default) =>
        PerCurrency(await UnbilledSums(null).ToListAsync(ct));

    /// <summary>The per-kind sums of <see cref="UnbilledTotalsAsync"/> in one statement, of the signed-in account or of <paramref name="owner"/>.</summary>
    public IQueryable<UnbilledSum> UnbilledSums(string? owner) =>
        Sources.Select(s => s.Totals(owner)).OfType<IQueryable<UnbilledSum>>().Aggregate((a, b) => a.Concat(b));

    public static IReadOnlyList<UnbilledTotal> PerCurrency(IEnumerable<UnbilledSum> rows) =>
        rows.GroupBy(r => r.Currency).OrderBy(g => g.Key)
            .Select(g => new UnbilledTotal(g.Key, g.Sum(r => r.Hours), g.Sum(r => r.Value), g.Sum(r => r.Items))).ToList();

    /// <summary>The account's records: the signed-in one's (the query filter), or <paramref name="owner"/>'s whoever is signed in.</summary>
    internal static IQueryable<T> OfOwner<T>(IQueryable<T> records, string? owner) where T : OwnedEntity =>
        owner is null ? records : records.IgnoreQueryFilters().Where(r => r.OwnerId == owner);

    /// <summary>
    /// The lines for what was ticked, kind by kind. Ids of another account (invisible through the query
    /// filter) are "not found"; items of another client, already billed or no longer billable are refused by name.
    /// </summary>
    public async Task<PickResult> ResolveAsync(WorkPick pick, int clientId, CancellationToken ct = default)
    {
        if (pick.IsEmpty) return PickResult.Nothing;
        var currency = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Currency).SingleAsync(ct);
        var lines = new List<PickedLine>();
        foreach (var source in Sources)
        {
            var result = await source.ResolveAsync(pick, clientId, currency, ct);
            if (result.NotFound || result.Refusal is not null) return result;
            lines.AddRange(result.Lines);
        }
        return new PickResult(lines, null, false);
    }

    // Line texts are what the client reads: the work, its hours at its rate, and when. How many entries
    // made it up is the freelancer's business, not the client's. Invoices already saved keep their text.

    /// <summary>"Website – Design, 12.50 h × 90.00 (2026-10-05 to 2026-10-20)".</summary>
    public static string ServiceLineDescription(string projectName, string? serviceName, DateOnly first, DateOnly last, decimal hours, decimal rate)
    {
        var period = first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
        return $"{Work(projectName, serviceName)}, {HoursAtRate(hours, rate)} ({period})";
    }

    /// <summary>"Website – Design, 2026-10-05, 2.50 h × 90.00: fixed the checkout".</summary>
    public static string EntryLineDescription(string projectName, string? serviceName, DateOnly date, decimal hours, decimal rate, string? note) =>
        $"{Work(projectName, serviceName)}, {date:yyyy-MM-dd}, {HoursAtRate(hours, rate)}{(string.IsNullOrWhiteSpace(note) ? "" : ": " + Shorten(note.Trim(), 300))}";

    private static string Work(string projectName, string? serviceName) =>
        serviceName is null ? projectName : $"{projectName} – {serviceName}";

    private static string HoursAtRate(decimal hours, decimal rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{hours:0.00} h × {rate:0.00}");

    /// <summary>
    /// The one rounding rule for billed time: a line's hours × rate rounded once (three 0.25 h at 33.33 are
    /// 0.75 h × 33.33 = 25.00, not three rounded 8.33). The form's group amount uses it too.
    /// </summary>
    public static decimal TimeLineAmount(decimal hours, decimal rate, string currency) => InvoiceTotals.LineAmount(hours, rate, currency);

    internal static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..(max - 1)] + "…";

    internal static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// Marks the items of the saved lines as billed on <paramref name="invoiceId"/>, each line with one update
    /// that only touches items still billable. Must run inside the transaction that saved the lines; throws
    /// <see cref="AlreadyBilledException"/> (roll back) when another invoice took one of them first.
    /// </summary>
    public async Task ClaimAsync(int invoiceId, IReadOnlyList<(InvoiceLine Line, PickedLine Pick)> lines, CancellationToken ct = default)
    {
        foreach (var (line, pick) in lines)
        {
            var source = Sources.FirstOrDefault(s => s.Kind == line.SourceKind)
                         ?? throw new InvalidOperationException($"{line.SourceKind} items are not billed here.");
            if (await source.ClaimAsync(invoiceId, line, pick, ct) != pick.ItemIds.Count)
                throw new AlreadyBilledException($"{Capital(pick.Label)} was put on another invoice a moment ago, or changed meanwhile. " +
                                                 "Nothing was saved: reload the page to see what is still unbilled.");
        }
    }

    /// <summary>
    /// The claims and releases are bulk updates the change tracker never sees: after them, in their transaction, the kept
    /// figures (the dashboard's unbilled work) are recomputed, once per use case (a new draft, an edited one, a deleted or voided one).
    /// </summary>
    public Task KeepFiguresAsync(CancellationToken ct = default) =>
        db.CurrentUserId is { } owner ? KeptFigures.AfterBillingAsync(db, owner, ct) : Task.CompletedTask;

    /// <summary>
    /// Saves a new draft and takes its items, in one transaction: when another invoice took an item first,
    /// throws <see cref="AlreadyBilledException"/> and nothing of the draft is saved.
    /// </summary>
    public Task SaveNewDraftAsync(Invoice invoice, IReadOnlyList<(InvoiceLine Line, PickedLine Pick)> itemLines, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(ct);
            await ClaimAsync(invoice.Id, itemLines, ct);
            if (itemLines.Count > 0) await KeepFiguresAsync(ct);
        }, ct);

    /// <summary>Makes the items of these (removed) lines of a draft unbilled again; run before the lines are deleted.</summary>
    public async Task ReleaseLinesAsync(int invoiceId, IReadOnlyCollection<InvoiceLine> lines, CancellationToken ct = default)
    {
        foreach (var source in Sources) await source.ReleaseAsync(invoiceId, lines, ct);
        // An income's line taken off a draft unlinks that income (the workflow grid shows it unlinked again).
        var incomes = lines.Where(l => l.SourceKind == InvoiceLineSourceKind.Income && l.SourceId is not null).Select(l => l.SourceId!.Value).ToList();
        if (incomes.Count > 0)
            await db.Incomes.Where(x => x.InvoiceId == invoiceId && incomes.Contains(x.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, (int?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
    }

    /// <summary>Makes every item billed on this invoice unbilled again (a deleted draft, a voided invoice).</summary>
    public async Task ReleaseAllAsync(int invoiceId, CancellationToken ct = default)
    {
        foreach (var source in Sources) await source.ReleaseAsync(invoiceId, null, ct);
    }
}

/// <summary>
/// Gives the billed items back when a draft is deleted or an issued invoice voided (inside the same
/// transaction as the delete or the void), so the work can go on a new or corrected invoice.
/// </summary>
public sealed class BilledWorkHook(BilledWork work) : IInvoiceLifecycleHook
{
    public async Task OnDraftDeletingAsync(Invoice invoice, CancellationToken ct)
    {
        await work.ReleaseAllAsync(invoice.Id, ct);
        await work.KeepFiguresAsync(ct);
    }

    public async Task OnVoidedAsync(Invoice invoice, CancellationToken ct)
    {
        await work.ReleaseAllAsync(invoice.Id, ct);
        await work.KeepFiguresAsync(ct);
    }
}
