using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>What a client income is tied to; null means "none" (for the payment mode: not received).</summary>
public sealed record IncomeLinkChange(int? InvoiceId, int? ClientId, int? ProjectId, int? ServiceId, int? PaymentModeId);

/// <summary>
/// The one set of rules for tying a client income to its invoice, client, project and service, used by the
/// workflow grid, its row edit page and the draft/ledger pages. A draft gets the income as a line (which
/// remembers its income, so unlinking removes exactly that line); an issued invoice takes a received income
/// as a payment in place of part of its open income (<see cref="InvoicePayments.LinkReceivedAsync"/>).
/// Every refusal is a <see cref="DomainException"/> thrown before anything changed. The caller owns the
/// transaction and SaveChanges.
/// </summary>
public sealed class IncomeLinks(AppDbContext db, InvoicePayments payments)
{
    public async Task ApplyAsync(Income income, IncomeLinkChange to, CancellationToken ct = default)
    {
        var (target, clientId, projectId) = await ResolveAsync(income, to, ct);
        var current = income.InvoiceId is { } currentId && currentId != to.InvoiceId
            ? await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).SingleOrDefaultAsync(i => i.Id == currentId, ct)
            : null;
        if (current is not null && target is not null && InvoicePayments.IsIssued(current.Status))
            throw new DomainException($"This income already pays {Name(current)}: choose no invoice first to take it off, then link it again.",
                nameof(IncomeLinkChange.InvoiceId));

        if (current is not null) await UnlinkAsync(income, current, ct);
        else if (income.InvoiceId is not null && to.InvoiceId is null) income.InvoiceId = null; // its invoice is gone

        var wasSettled = income.IsSettled;
        income.PaymentModeId = to.PaymentModeId;
        income.ClientId = clientId;
        income.ProjectId = projectId;
        income.ServiceId = to.ServiceId;

        if (target is null) return;
        if (income.InvoiceId == target.Id)
        {
            // Same invoice: a draft's line follows the income; on an issued invoice a received/not received change settles it.
            if (target.Status == InvoiceStatus.Draft) RefreshLine(target, income);
            else if (wasSettled != income.IsSettled) await payments.SettleChangedAsync(income, ct);
            return;
        }
        if (target.Status == InvoiceStatus.Draft)
        {
            target.AddLines([LineFor(income)]);
            income.InvoiceId = target.Id;
        }
        else await payments.LinkReceivedAsync(target, income, ct);
    }

    /// <summary>
    /// Why the ledger's edit form may not give this income these client, project and service (its invoice
    /// unchanged), or null: the same checks as the grid (a project of another client, an invoice of another client).
    /// </summary>
    public async Task<DomainException?> WhyNotAsync(Income income, int? clientId, int? projectId, int? serviceId, CancellationToken ct = default)
    {
        try
        {
            await ResolveAsync(income, new IncomeLinkChange(income.InvoiceId, clientId, projectId, serviceId, income.PaymentModeId), ct);
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    /// <summary>
    /// After a ledger edit of an income on a draft: its line follows the income's description, amount and
    /// project (the caller saves). Nothing for an income that is not on a draft.
    /// </summary>
    public async Task FollowOnDraftAsync(Income income, CancellationToken ct = default)
    {
        if (income.InvoiceId is not { } id) return;
        var draft = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.Status == InvoiceStatus.Draft, ct);
        if (draft is null) return;
        if (draft.Currency != income.Currency)
            throw new DomainException($"This income is on {Name(draft)}, which is in {draft.Currency}: take it off the draft before changing its currency.", "Currency");
        RefreshLine(draft, income);
    }

    /// <summary>Checks the change and works out the client (from the project or the invoice when none is chosen) and the project (from the service).</summary>
    private async Task<(Invoice? Target, int? ClientId, int? ProjectId)> ResolveAsync(Income income, IncomeLinkChange to, CancellationToken ct)
    {
        var target = to.InvoiceId is { } invoiceId
            ? await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).SingleOrDefaultAsync(i => i.Id == invoiceId, ct)
              ?? throw new DomainException("Choose one of your invoices.", nameof(IncomeLinkChange.InvoiceId))
            : null;
        if (to.PaymentModeId is { } mode && !await db.PaymentModes.AnyAsync(m => m.Id == mode, ct))
            throw new DomainException("Choose one of your payment modes.", nameof(IncomeLinkChange.PaymentModeId));
        if (to.ClientId is { } c && !await db.Clients.AnyAsync(x => x.Id == c, ct))
            throw new DomainException("Choose one of your clients.", nameof(IncomeLinkChange.ClientId));
        var projectId = to.ProjectId;
        if (to.ServiceId is { } s)
        {
            var serviceProject = await db.Services.Where(x => x.Id == s).Select(x => (int?)x.ProjectId).SingleOrDefaultAsync(ct)
                                 ?? throw new DomainException("Choose one of your services.", nameof(IncomeLinkChange.ServiceId));
            if (projectId is not null && projectId != serviceProject)
                throw new DomainException("Choose a service of the chosen project.", nameof(IncomeLinkChange.ServiceId));
            projectId = serviceProject;
        }
        var clientId = to.ClientId;
        if (projectId is { } p)
        {
            var project = await db.Projects.Where(x => x.Id == p).Select(x => new { x.ClientId, x.Name }).SingleOrDefaultAsync(ct)
                          ?? throw new DomainException("Choose one of your projects.", nameof(IncomeLinkChange.ProjectId));
            if (clientId is null) clientId = project.ClientId;
            else if (clientId != project.ClientId)
                throw new DomainException($"The project {project.Name} is of another client.", nameof(IncomeLinkChange.ProjectId));
        }
        if (target is not null)
        {
            if (clientId is null) clientId = target.ClientId;
            else if (clientId != target.ClientId)
                throw new DomainException($"{Name(target)} is for {target.Client?.Name}, not for this income's client.", nameof(IncomeLinkChange.InvoiceId));
            // An income already on this invoice stays (a paid invoice's income may still get its project or service).
            if (income.InvoiceId != target.Id) WhyNotLinkTo(target, income.Currency);
        }
        return (target, clientId, projectId);
    }

    /// <summary>Throws why an income in <paramref name="currency"/> cannot be linked to this invoice.</summary>
    public static void WhyNotLinkTo(Invoice invoice, string currency)
    {
        if (invoice.Status == InvoiceStatus.Void)
            throw new DomainException($"{Name(invoice)} is void: it takes no incomes.", nameof(IncomeLinkChange.InvoiceId));
        if (invoice.Status == InvoiceStatus.Paid)
            throw new DomainException($"{Name(invoice)} is already paid in full.", nameof(IncomeLinkChange.InvoiceId));
        if (invoice.Currency != currency)
            throw new DomainException($"This income is in {currency}, {Name(invoice)} in {invoice.Currency}: an invoice never mixes currencies.",
                nameof(IncomeLinkChange.InvoiceId));
    }

    public static string Name(Invoice invoice) => invoice.Number ?? $"the draft of {invoice.IssueDate:yyyy-MM-dd}";

    private async Task UnlinkAsync(Income income, Invoice invoice, CancellationToken ct)
    {
        switch (invoice.Status)
        {
            case InvoiceStatus.Draft:
                var line = invoice.Lines.Where(l => l.SourceKind == InvoiceLineSourceKind.Income && l.SourceId == income.Id).Select(l => l.Id).ToList();
                invoice.RemoveLines(line);
                income.InvoiceId = null;
                break;
            case InvoiceStatus.Void:
                income.InvoiceId = null;
                break;
            default:
                await payments.UnlinkReceivedAsync(invoice, income, ct);
                break;
        }
    }

    private static InvoiceLineItem LineFor(Income income) =>
        new(InvoiceLineSourceKind.Income, income.Id, income.Description, 1m, income.Amount, income.Currency, income.ProjectId);

    /// <summary>The draft's line of this income, replaced when the income's figures or project changed.</summary>
    private static void RefreshLine(Invoice draft, Income income)
    {
        var line = draft.Lines.FirstOrDefault(l => l.SourceKind == InvoiceLineSourceKind.Income && l.SourceId == income.Id);
        if (line is not null && line.UnitPrice == income.Amount && line.ProjectId == income.ProjectId && line.Description == income.Description) return;
        if (line is not null) draft.RemoveLines([line.Id]);
        draft.AddLines([LineFor(income)]);
    }
}

/// <summary>A deleted draft gives its incomes back (unlinked); their lines go with the draft.</summary>
public sealed class IncomeLinksHook(AppDbContext db) : IInvoiceLifecycleHook
{
    public Task OnDraftDeletingAsync(Invoice invoice, CancellationToken ct) =>
        db.Incomes.Where(i => i.InvoiceId == invoice.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InvoiceId, (int?)null).SetProperty(i => i.Version, i => i.Version + 1), ct);
}
