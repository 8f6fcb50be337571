using System.Linq.Expressions;
using System.Text.Json;

namespace FreelancerOS.Web.Domain;

/// <summary>
/// An invoice and its rules. Amounts: each line is rounded to the currency's minor unit (half away
/// from zero); the subtotal is the sum of the rounded lines; tax is computed once on the subtotal and
/// rounded once; the total is subtotal + tax. The page, the PDF and the board all read the stored
/// figures, so they agree to the cent. Only a draft can change; issuing locks it and gives it a number.
/// </summary>
public class Invoice : OwnedEntity, ICreated
{
    public const int MaxLines = 1000;

    public int ClientId { get; private set; }
    public Client? Client { get; private set; }

    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string Currency { get; private set; } = "EUR";

    /// <summary>VAT or sales tax in percent (21 means 21 %); null when the invoice carries no tax.</summary>
    public decimal? TaxRate { get; private set; }
    public string? Notes { get; private set; }

    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Draft;
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>Null until issued; then e.g. INV-2026-0007, never reused (also when voided).</summary>
    public string? Number { get; private set; }
    public int? NumberYear { get; private set; }
    public int? NumberSequence { get; private set; }

    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }

    /// <summary>Money received against this invoice; driven by the ledger's received incomes.</summary>
    public decimal AmountPaid { get; private set; }
    public decimal BalanceDue => Total - AmountPaid;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The business and client blocks as they were when the invoice was issued (JSON), so a sent
    /// invoice's PDF never changes when Settings or the client are edited later. Null for drafts.
    /// </summary>
    public string? IssuedPartiesJson { get; private set; }

    /// <summary>The secret of the invoice's public link (/i/{token}); null when it has none or it was revoked.</summary>
    public string? PublicToken { get; private set; }

    /// <summary>Whether the current public link has been opened by someone other than the owner.</summary>
    public bool PublicLinkViewed { get; private set; }

    public InvoiceParties? IssuedParties =>
        IssuedPartiesJson is null ? null : JsonSerializer.Deserialize<InvoiceParties>(IssuedPartiesJson);

    private readonly List<InvoiceLine> _lines = [];
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    private readonly List<InvoiceStatusChange> _history = [];
    public IReadOnlyList<InvoiceStatusChange> History => _history;

    private Invoice() { }

    /// <summary>A new draft for the client, in the client's currency.</summary>
    public static Invoice CreateDraft(Client client, DateOnly issueDate, DateOnly dueDate, decimal? taxRate, string? notes, DateTimeOffset now)
    {
        var invoice = new Invoice { CreatedAt = now, StatusChangedAt = now };
        invoice.SetClient(client);
        invoice.SetTerms(issueDate, dueDate, taxRate, notes);
        invoice._history.Add(new InvoiceStatusChange(null, InvoiceStatus.Draft, now));
        return invoice;
    }

    /// <summary>"2026-11-22 – Acme Ltd".</summary>
    public static string TitleFor(DateOnly issueDate, string clientName) => $"{issueDate:yyyy-MM-dd} – {clientName}";

    public string Title => TitleFor(IssueDate, IssuedParties?.ClientName ?? Client?.Name ?? "");

    public bool IsEditable => Status == InvoiceStatus.Draft;

    public static DateOnly DefaultDueDate(DateOnly issueDate, int paymentTermsDays) => issueDate.AddDays(Math.Max(0, paymentTermsDays));

    public void SetClient(Client client)
    {
        EnsureDraft();
        var currency = client.Currency;
        var billed = _lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).ToList();
        if (billed.Count > 0 && currency != Currency)
            throw new DomainException($"This invoice holds items in {Currency}; {client.Name} is billed in {currency}. Remove those items first.", nameof(ClientId));
        if (billed.Count > 0 && ClientId != 0 && client.Id != ClientId)
            throw new DomainException($"This invoice holds work of {Client?.Name ?? "another client"}: remove those lines before changing the client.", nameof(ClientId));
        ClientId = client.Id;
        Client = client;
        Currency = currency;
        Recalculate();
    }

    public void SetTerms(DateOnly issueDate, DateOnly dueDate, decimal? taxRate, string? notes)
    {
        EnsureDraft();
        if (dueDate < issueDate)
            throw new DomainException("The due date cannot be before the issue date.", nameof(DueDate));
        if (taxRate is < 0 or > 100)
            throw new DomainException("The tax rate must be between 0 and 100 %.", nameof(TaxRate));
        IssueDate = issueDate;
        DueDate = dueDate;
        TaxRate = taxRate is 0 ? null : taxRate;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Recalculate();
    }

    /// <summary>A line typed by hand, in the invoice's currency.</summary>
    public InvoiceLine AddFreeLine(string description, decimal quantity, decimal unitPrice) =>
        AddLines([new InvoiceLineItem(InvoiceLineSourceKind.Free, null, description, quantity, unitPrice, Currency)])[0];

    /// <summary>
    /// Adds lines from billable items (time entries, milestones, services, scope changes, expenses,
    /// incomes) or free lines. All or nothing: when any item is in another currency than the invoice,
    /// nothing is added and the message names every such item.
    /// </summary>
    public IReadOnlyList<InvoiceLine> AddLines(IReadOnlyCollection<InvoiceLineItem> items)
    {
        EnsureDraft();
        var foreign = items.Where(i => !string.Equals(i.Currency, Currency, StringComparison.Ordinal)).ToList();
        if (foreign.Count > 0)
            throw new DomainException(
                $"This invoice is in {Currency}; these items are not: " +
                string.Join("; ", foreign.Select(i => $"{i.Description} ({i.Currency})")) + ". An invoice never mixes currencies.",
                "Lines");
        if (_lines.Count + items.Count > MaxLines)
            throw new DomainException($"An invoice holds at most {MaxLines} lines.", "Lines");
        var duplicate = items.Where(i => i.SourceId is not null)
            .FirstOrDefault(i => _lines.Any(l => l.SourceKind == i.SourceKind && l.SourceId == i.SourceId));
        if (duplicate is not null)
            throw new DomainException($"{duplicate.Description} is already on this invoice.", "Lines");

        var added = items.Select(i => new InvoiceLine(i, _lines.Count + 1, Currency)).ToList();
        for (var k = 0; k < added.Count; k++) added[k].Position = _lines.Count + k + 1;
        _lines.AddRange(added);
        Recalculate();
        return added;
    }

    /// <summary>
    /// Replaces the typed (free) lines with those of the edit form; lines that came from billed items
    /// stay. All or nothing, like <see cref="AddLines"/>.
    /// </summary>
    public void ReplaceFreeLines(IReadOnlyCollection<InvoiceLineItem> freeLines)
    {
        EnsureDraft();
        if (freeLines.Any(l => l.SourceKind != InvoiceLineSourceKind.Free))
            throw new DomainException("Only free lines can be replaced from the form.", "Lines");
        var kept = _lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).ToList();
        if (kept.Count + freeLines.Count > MaxLines)
            throw new DomainException($"An invoice holds at most {MaxLines} lines.", "Lines");
        var added = freeLines.Select(i => new InvoiceLine(i, 0, Currency)).ToList();
        _lines.Clear();
        _lines.AddRange(kept);
        _lines.AddRange(added);
        for (var k = 0; k < _lines.Count; k++) _lines[k].Position = k + 1;
        Recalculate();
    }

    /// <summary>
    /// Removes the lines with these ids (a draft only) and returns them, so their items can be released
    /// (made unbilled again). Ids that are not lines of this invoice are ignored.
    /// </summary>
    public IReadOnlyList<InvoiceLine> RemoveLines(IReadOnlyCollection<int> lineIds)
    {
        EnsureDraft();
        var removed = _lines.Where(l => l.Id != 0 && lineIds.Contains(l.Id)).ToList();
        if (removed.Count == 0) return removed;
        _lines.RemoveAll(removed.Contains);
        for (var k = 0; k < _lines.Count; k++) _lines[k].Position = k + 1;
        Recalculate();
        return removed;
    }

    public void EnsureDeletable()
    {
        if (Status != InvoiceStatus.Draft)
            throw new DomainException($"Only a draft can be deleted; {Number} is {Status}. Void it instead.");
    }

    /// <summary>
    /// Draft → Sent: the number is given now and the invoice is locked. Given <paramref name="today"/>, an
    /// invoice already past its due date goes on to Overdue in the same step.
    /// </summary>
    public void Issue(string number, int year, int sequence, DateTimeOffset now, InvoiceParties? parties = null, DateOnly? today = null)
    {
        EnsureIssuable();
        if (string.IsNullOrWhiteSpace(number) || sequence <= 0)
            throw new DomainException("The invoice needs a number to be issued.");
        IssuedPartiesJson = parties is null ? null : JsonSerializer.Serialize(parties);
        Number = number;
        NumberYear = year;
        NumberSequence = sequence;
        ChangeStatus(InvoiceStatus.Sent, now);
        if (today is { } t) MarkOverdueIfDue(t, now);
    }

    /// <summary>Throws with the reason when this invoice cannot be issued now (checked before a number is taken).</summary>
    public void EnsureIssuable()
    {
        if (Status != InvoiceStatus.Draft)
            throw new DomainException(Status == InvoiceStatus.Void
                ? "A void invoice cannot be issued again."
                : $"This invoice was already issued as {Number}.");
        if (_lines.Count == 0)
            throw new DomainException("Add at least one line before issuing the invoice.");
        if (Total <= 0)
            throw new DomainException("An invoice's total must be more than zero to issue it.");
    }

    /// <summary>
    /// Sent → Overdue at once when the due date is already before today: issuing a back-dated invoice or
    /// undoing a payment after the due date must not wait for the hourly job. Does nothing otherwise.
    /// </summary>
    public bool MarkOverdueIfDue(DateOnly today, DateTimeOffset now)
    {
        if (!IsOverdueOn(this, today)) return false;
        ChangeStatus(InvoiceStatus.Overdue, now);
        return true;
    }

    /// <summary>
    /// The overdue rule as a query, for the hourly job's set-based update of every account's invoices
    /// (<c>MarkOverdueJob</c>): the same expression <see cref="MarkOverdueIfDue"/> applies to one invoice.
    /// </summary>
    public static Expression<Func<Invoice, bool>> OverdueOn(DateOnly today)
    {
        // A member of a closure, not a constant: EF Core sends the date as a parameter.
        Expression<Func<DateOnly>> day = () => today;
        return Expression.Lambda<Func<Invoice, bool>>(new Substitute(OverdueRule.Parameters[1], day.Body).Visit(OverdueRule.Body), OverdueRule.Parameters[0]);
    }

    /// <summary>Sent and due before today: the one copy of the rule.</summary>
    private static readonly Expression<Func<Invoice, DateOnly, bool>> OverdueRule = (i, today) => i.Status == InvoiceStatus.Sent && i.DueDate < today;
    private static readonly Func<Invoice, DateOnly, bool> IsOverdueOn = OverdueRule.Compile();

    private sealed class Substitute(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }

    /// <summary>Whole days past the due date on <paramref name="today"/> for an open invoice (Sent or Overdue); 0 otherwise.</summary>
    public int DaysLate(DateOnly today) => Status is InvoiceStatus.Sent or InvoiceStatus.Overdue ? DaysPastDue(DueDate, today) : 0;

    /// <summary>0 on or before the due date, 1 the day after it, and so on.</summary>
    public static int DaysPastDue(DateOnly dueDate, DateOnly today) => Math.Max(0, today.DayNumber - dueDate.DayNumber);

    /// <summary>
    /// Sent → Overdue once the due date is before today, or the reason why not (the demo data ages its invoices
    /// with it; the hourly job does the same in bulk through <see cref="OverdueOn"/>).
    /// </summary>
    public void MarkOverdue(DateOnly today, DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Sent)
            throw new DomainException($"Only a sent invoice can become overdue; this one is {Status}.");
        if (!MarkOverdueIfDue(today, now))
            throw new DomainException($"This invoice is not overdue: it is due on {DueDate:yyyy-MM-dd}.");
    }

    /// <summary>Sent or Overdue → Void. The number stays used.</summary>
    public void Void(DateTimeOffset now)
    {
        switch (Status)
        {
            case InvoiceStatus.Sent or InvoiceStatus.Overdue:
                ChangeStatus(InvoiceStatus.Void, now);
                break;
            case InvoiceStatus.Draft:
                throw new DomainException("A draft has no number yet: delete it instead of voiding it.");
            case InvoiceStatus.Paid:
                throw new DomainException("A paid invoice cannot be voided; undo its payments first.");
            default:
                throw new DomainException("This invoice is already void.");
        }
    }

    /// <summary>
    /// Applies what the ledger says has been received for this invoice: Paid when it covers the total,
    /// back to Sent (or Overdue, past the due date) when a payment is undone.
    /// </summary>
    public void ApplyReceived(decimal received, DateOnly today, DateTimeOffset now)
    {
        if (Status is InvoiceStatus.Draft or InvoiceStatus.Void)
            throw new DomainException($"A {Status.ToString().ToLowerInvariant()} invoice cannot receive payments.");
        if (received < 0)
            throw new DomainException("A received amount cannot be negative.");
        AmountPaid = Domain.Currency.Round(received, Currency);
        var covered = AmountPaid >= Total;
        if (covered && Status != InvoiceStatus.Paid)
            ChangeStatus(InvoiceStatus.Paid, now);
        else if (!covered && Status == InvoiceStatus.Paid)
            ChangeStatus(DueDate < today ? InvoiceStatus.Overdue : InvoiceStatus.Sent, now);
        else if (!covered)
            MarkOverdueIfDue(today, now);
    }

    /// <summary>Why a move on the board to <paramref name="target"/> is refused, or null when it is allowed.</summary>
    public string? WhyNotMoveTo(InvoiceStatus target) => (Status, target) switch
    {
        _ when Status == target => null,
        (InvoiceStatus.Draft, InvoiceStatus.Sent) => null,
        (InvoiceStatus.Draft, InvoiceStatus.Overdue) => "A draft must be issued (moved to Sent) before it can be overdue.",
        (InvoiceStatus.Draft, InvoiceStatus.Paid) => "A draft must be issued (moved to Sent) before it can be paid.",
        (_, InvoiceStatus.Draft) => $"{Number} is issued and locked: it cannot go back to Draft. Void it if it was a mistake.",
        (InvoiceStatus.Sent, InvoiceStatus.Overdue) => "An invoice becomes overdue by itself the day after its due date.",
        (InvoiceStatus.Overdue, InvoiceStatus.Sent) => "An overdue invoice goes back to Sent only when its due date is moved, and a sent invoice is locked.",
        (InvoiceStatus.Paid, _) => "A paid invoice is settled; undo its payment on the invoice page to change it.",
        (InvoiceStatus.Void, _) => "A void invoice cannot be moved.",
        (InvoiceStatus.Sent or InvoiceStatus.Overdue, InvoiceStatus.Paid) => null, // the board opens the payment form
        _ => $"An invoice cannot move from {Status} to {target}.",
    };

    /// <summary>Gives the invoice a new public link (a fresh token also means a fresh "first view").</summary>
    public void ShareWith(string token)
    {
        if (Status == InvoiceStatus.Draft)
            throw new DomainException("A draft cannot be shared: issue it first, so the client sees the invoice with its number.");
        PublicToken = token;
        PublicLinkViewed = false;
    }

    /// <summary>The link stops working at once; returns false when there was none.</summary>
    public bool RevokePublicLink()
    {
        if (PublicToken is null) return false;
        PublicToken = null;
        PublicLinkViewed = false;
        return true;
    }

    public void EnsureDraft()
    {
        if (Status != InvoiceStatus.Draft)
            throw new DomainException($"Invoice {Number} is {Status} and locked: only a draft can be changed.");
    }

    private void ChangeStatus(InvoiceStatus to, DateTimeOffset now)
    {
        _history.Add(new InvoiceStatusChange(Status, to, now));
        Status = to;
        StatusChangedAt = now;
    }

    private void Recalculate()
    {
        var totals = InvoiceTotals.Of(_lines.Select(l => (l.Quantity, l.UnitPrice)), TaxRate, Currency);
        for (var i = 0; i < _lines.Count; i++) _lines[i].Amount = totals.LineAmounts[i];
        Subtotal = totals.Subtotal;
        Tax = totals.Tax;
        Total = totals.Total;
    }
}

/// <summary>The figures of an invoice, computed the one way the whole app uses.</summary>
public sealed record InvoiceTotals(IReadOnlyList<decimal> LineAmounts, decimal Subtotal, decimal Tax, decimal Total)
{
    public static decimal LineAmount(decimal quantity, decimal unitPrice, string currency) =>
        Domain.Currency.Round(quantity * unitPrice, currency);

    public static InvoiceTotals Of(IEnumerable<(decimal Quantity, decimal UnitPrice)> lines, decimal? taxRate, string currency)
    {
        var amounts = lines.Select(l => LineAmount(l.Quantity, l.UnitPrice, currency)).ToList();
        var subtotal = amounts.Sum();
        var tax = taxRate is { } rate ? Domain.Currency.Round(subtotal * rate / 100m, currency) : 0m;
        return new InvoiceTotals(amounts, subtotal, tax, subtotal + tax);
    }
}

/// <summary>Who bills whom, as printed on the invoice.</summary>
/// <remarks>
/// Stored as JSON on issue: fields added later have defaults, so snapshots written before them still read
/// (their PDF simply has no client address, client tax id or tax note).
/// </remarks>
public sealed record InvoiceParties(
    string BusinessName, string? BusinessAddress, string? BusinessEmail, string? TaxId, string? PaymentInstructions,
    string ClientName, string? ClientCompany, string? ClientContact, string? ClientEmail,
    string? ClientAddress = null, string? ClientTaxId = null, string? TaxNote = null)
{
    public static InvoiceParties From(AccountSettings s, Client c) => new(
        s.BusinessName ?? "", s.BusinessAddress, s.BusinessEmail, s.TaxId, s.PaymentInstructions,
        c.Name, c.Company, c.ContactPerson, c.Email, c.BillingAddress, c.TaxId, s.TaxNote);
}

/// <summary>What a source (a time entry, a milestone, a typed line...) contributes to an invoice.</summary>
/// <remarks>
/// A time-entry line may stand for several entries (hours of one service at one rate): it then has no
/// SourceId, and the entries point at it through <see cref="TimeEntry.InvoiceLineId"/>.
/// </remarks>
public sealed record InvoiceLineItem(
    InvoiceLineSourceKind SourceKind, int? SourceId, string Description, decimal Quantity, decimal UnitPrice, string Currency,
    int? ProjectId = null);

public class InvoiceLine
{
    public int Id { get; private set; }
    public int InvoiceId { get; private set; }
    public int Position { get; internal set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }

    /// <summary>Quantity × unit price, rounded to the currency's minor unit (half away from zero).</summary>
    public decimal Amount { get; internal set; }

    public InvoiceLineSourceKind SourceKind { get; private set; }
    public int? SourceId { get; private set; }

    /// <summary>The project the billed work belongs to (null for free lines): a project's invoiced amount sums these.</summary>
    public int? ProjectId { get; private set; }

    private InvoiceLine() { }

    internal InvoiceLine(InvoiceLineItem item, int position, string currency)
    {
        if (string.IsNullOrWhiteSpace(item.Description))
            throw new DomainException("Each line needs a description.", "Lines");
        if (item.Description.Trim().Length > 500)
            throw new DomainException("A line's description has at most 500 characters.", "Lines");
        if (item.Quantity <= 0)
            throw new DomainException($"The quantity of \"{item.Description.Trim()}\" must be more than zero.", "Lines");
        if (item.UnitPrice < 0)
            throw new DomainException($"The unit price of \"{item.Description.Trim()}\" cannot be negative.", "Lines");
        if (item.SourceKind == InvoiceLineSourceKind.Free ? item.SourceId is not null || item.ProjectId is not null
                : item.SourceId is null && item.SourceKind != InvoiceLineSourceKind.TimeEntry)
            throw new DomainException("A free line has no source; any other line points at its source.", "Lines");
        Position = position;
        Description = item.Description.Trim();
        Quantity = item.Quantity;
        UnitPrice = item.UnitPrice;
        SourceKind = item.SourceKind;
        SourceId = item.SourceId;
        ProjectId = item.ProjectId;
        Amount = InvoiceTotals.LineAmount(item.Quantity, item.UnitPrice, currency);
    }
}

/// <summary>One status change of an invoice and when it happened; From is null for the creation.</summary>
public class InvoiceStatusChange
{
    public int Id { get; private set; }
    public int InvoiceId { get; private set; }
    public InvoiceStatus? From { get; private set; }
    public InvoiceStatus To { get; private set; }
    public DateTimeOffset At { get; private set; }

    private InvoiceStatusChange() { }

    public InvoiceStatusChange(InvoiceStatus? from, InvoiceStatus to, DateTimeOffset at)
    {
        From = from;
        To = to;
        At = at;
    }
}

/// <summary>The last sequence number used per account and year; incremented inside the issuing transaction.</summary>
public class InvoiceNumberCounter : OwnedEntity
{
    public int Year { get; set; }
    public int LastSequence { get; set; }
}
