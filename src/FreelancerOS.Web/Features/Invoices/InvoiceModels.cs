using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using ClientOption = FreelancerOS.Web.Features.Projects.ClientOption;

namespace FreelancerOS.Web.Features.Invoices;

public sealed class InvoiceForm
{
    public const int BlankRows = 3;

    public int ClientId { get; set; }
    public DateOnly? IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }

    /// <summary>The due date the form proposed (issue date + terms); a due date still equal to it follows the issue date.</summary>
    public DateOnly? SuggestedDueDate { get; set; }

    /// <summary>A new invoice's due date follows its issue date until the user types another one.</summary>
    public bool DueDateFollows => SuggestedDueDate is not null && DueDate == SuggestedDueDate;

    /// <summary>The due date to save: the one typed, or the issue date plus the terms when blank or still the proposed one.</summary>
    public DateOnly DueDateFor(int paymentTermsDays) =>
        DueDate is { } due && !DueDateFollows ? due : Invoice.DefaultDueDate(IssueDate!.Value, paymentTermsDays);

    public decimal? TaxRate { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }
    public List<InvoiceLineForm> Lines { get; set; } = [];

    // Unbilled work picked on the form (see BilledWork): whole service groups of time within the dates,
    // single time entries, reached milestones, flat services, approved scope changes.
    public DateOnly? WorkFrom { get; set; }
    public DateOnly? WorkTo { get; set; }

    /// <summary>Narrows the unbilled work listed to one project (the project page's "Invoice the unbilled work").</summary>
    public int? WorkProjectId { get; set; }
    public List<string> TimeGroups { get; set; } = [];
    public List<int> TimeEntryIds { get; set; } = [];
    public TimeLineMode TimeLines { get; set; } = TimeLineMode.PerService;
    public List<int> MilestoneIds { get; set; } = [];
    public List<int> ServiceIds { get; set; } = [];
    public List<int> ScopeChangeIds { get; set; } = [];
    public List<int> ExpenseIds { get; set; } = [];

    /// <summary>Lines from billed items to take off the draft (their items become unbilled again).</summary>
    public List<int> RemoveLineIds { get; set; } = [];

    public WorkPick Pick => new(WorkFrom, WorkTo, TimeGroups.Select(WorkPick.ParseGroup).OfType<(int, int?)>().ToList(),
        TimeEntryIds, TimeLines, MilestoneIds, ServiceIds, ScopeChangeIds, ExpenseIds);

    /// <summary>Rows the user filled in; rows left entirely blank are ignored.</summary>
    public IEnumerable<InvoiceLineForm> FilledLines => Lines.Where(l => !l.IsBlank);

    public IReadOnlyCollection<InvoiceLineItem> ToItems(string currency) =>
        FilledLines.Select(l => new InvoiceLineItem(InvoiceLineSourceKind.Free, null, l.Description!.Trim(), l.Quantity!.Value, l.UnitPrice!.Value, currency)).ToList();

    /// <summary>Always a few empty rows to type into (more come from the "Add a line" button).</summary>
    public InvoiceForm WithBlankRows()
    {
        Lines = FilledLines.ToList();
        while (Lines.Count < BlankRows || !Lines[^1].IsBlank) Lines.Add(new InvoiceLineForm());
        return this;
    }

    public static InvoiceForm From(Invoice i) => new InvoiceForm
    {
        ClientId = i.ClientId, IssueDate = i.IssueDate, DueDate = i.DueDate, TaxRate = i.TaxRate, Notes = i.Notes, Version = i.Version,
        Lines = i.Lines.Where(l => l.SourceKind == InvoiceLineSourceKind.Free).OrderBy(l => l.Position)
            .Select(l => new InvoiceLineForm { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList(),
    }.WithBlankRows();
}

public sealed class InvoiceLineForm
{
    public string? Description { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitPrice is null;
}

public sealed class InvoiceFormValidator : AbstractValidator<InvoiceForm>
{
    public static readonly decimal MaxUnitPrice = Limits.MaxAmount(null);
    public const decimal MaxQuantity = Limits.MaxQuantity;

    public InvoiceFormValidator()
    {
        RuleFor(f => f.ClientId).GreaterThan(0).WithMessage("Choose the client to invoice.");
        RuleFor(f => f.IssueDate).NotNull().WithMessage("Enter the issue date.");
        RuleFor(f => f.DueDate).GreaterThanOrEqualTo(f => f.IssueDate).When(f => f.IssueDate is not null && f.DueDate is not null && !f.DueDateFollows)
            .WithMessage("The due date cannot be before the issue date.");
        RuleFor(f => f.TaxRate).InclusiveBetween(0m, 100m).WithMessage("Enter a tax rate between 0 and 100 %.")
            .Must(r => r is null || decimal.Round(r.Value, 4) == r.Value).WithMessage("Use at most four decimals.");
        RuleFor(f => f.Notes).MaximumLength(4000).WithMessage("At most 4,000 characters.");
        RuleFor(f => f.TimeLines).IsInEnum().WithMessage("Choose how time appears on the invoice.");
        RuleFor(f => f.WorkTo).GreaterThanOrEqualTo(f => f.WorkFrom).When(f => f.WorkFrom is not null && f.WorkTo is not null)
            .WithMessage("The end of the period cannot be before its start.");
        RuleFor(f => f.TimeGroups).Must(gs => gs.All(g => WorkPick.ParseGroup(g) is not null)).OverridePropertyName("Work")
            .WithMessage("That choice of time is not valid; reload the page.");
        RuleFor(f => f.TimeEntryIds.Count + f.MilestoneIds.Count + f.ServiceIds.Count + f.ScopeChangeIds.Count + f.ExpenseIds.Count + f.TimeGroups.Count)
            .LessThanOrEqualTo(5000).OverridePropertyName("Work").WithMessage("Pick fewer items at once (at most 5,000).");
        RuleFor(f => f.Lines.Count).LessThanOrEqualTo(Invoice.MaxLines).OverridePropertyName("Lines")
            .WithMessage($"An invoice holds at most {Invoice.MaxLines} lines.");
        RuleForEach(f => f.Lines).Where(l => !l.IsBlank).ChildRules(line =>
        {
            line.RuleFor(l => l.Description).NotEmpty().WithMessage("Describe the line.")
                .MaximumLength(500).WithMessage("At most 500 characters.");
            line.RuleFor(l => l.Quantity).NotNull().WithMessage("Enter a quantity.")
                .GreaterThan(0).WithMessage("The quantity must be more than zero.")
                .LessThanOrEqualTo(MaxQuantity).WithMessage("At most 1,000,000.")
                .Must(q => q is null || decimal.Round(q.Value, 4) == q.Value).WithMessage("Use at most four decimals.");
            line.RuleFor(l => l.UnitPrice).NotNull().WithMessage("Enter a unit price.")
                .GreaterThanOrEqualTo(0).WithMessage("The unit price cannot be negative.")
                .LessThanOrEqualTo(MaxUnitPrice).WithMessage(Limits.AmountMessage(null))
                .Must(p => p is null || decimal.Round(p.Value, 4) == p.Value).WithMessage("Use at most four decimals.");
            // Each line is bounded so the invoice, its payments and the ledger income they make stay within Limits.
            // Checked only once both factors are in range, so the product itself cannot overflow a decimal.
            line.RuleFor(l => l).Must(l => l.Quantity is not { } q || l.UnitPrice is not { } u
                    || Math.Abs(q) > MaxQuantity || Math.Abs(u) > MaxUnitPrice || q * u <= MaxUnitPrice)
                .OverridePropertyName("UnitPrice")
                .WithMessage($"Quantity × price: {Limits.AmountMessage(null)[0..1].ToLowerInvariant()}{Limits.AmountMessage(null)[1..]}");
        });
    }
}

public sealed record InvoiceFormPage(InvoiceForm Form, IReadOnlyList<ClientOption> Clients, int? InvoiceId, int PaymentTermsDays)
{
    /// <summary>The client's unbilled work to pick from; null until a client is chosen.</summary>
    public UnbilledWork? Work { get; init; }

    /// <summary>Lines of the draft that bill items (edit only): each can be taken off.</summary>
    public IReadOnlyList<InvoiceLine> ItemLines { get; init; } = [];

    public string Currency { get; init; } = "";
}

public sealed record InvoiceCard(
    int Id, InvoiceStatus Status, string? Number, DateOnly IssueDate, DateOnly DueDate, string ClientName,
    string Currency, decimal Total, decimal AmountPaid)
{
    public string Title => Invoice.TitleFor(IssueDate, ClientName);
    public decimal Balance => Total - AmountPaid;
    public bool IsOpen => Status is InvoiceStatus.Sent or InvoiceStatus.Overdue;
    public int DaysLate(DateOnly today) => IsOpen ? Invoice.DaysPastDue(DueDate, today) : 0;
}

public sealed record StatusTotal(InvoiceStatus Status, string Currency, decimal Total, int Count)
{
    /// <summary>What was paid on the column's invoices: summed for Sent and Overdue only, the columns that show what is still owed.</summary>
    public decimal Paid { get; init; }
    public decimal Balance => Total - Paid;
}

public sealed record InvoiceColumn(InvoiceStatus Status, IReadOnlyList<InvoiceCard> Cards, IReadOnlyList<StatusTotal> Totals)
{
    public int Count => Totals.Sum(t => t.Count);

    /// <summary>Rendered as the answer to a move: htmx swaps the column in place by its id.</summary>
    public bool OutOfBand { get; init; }
    public int? FocusInvoiceId { get; init; }
    public BoardView View { get; init; } = new(false, false);
    public DateOnly Today { get; init; }
    public string HomeCurrency { get; init; } = "";

    /// <summary>Cards can be dropped on every column but Void (voiding is done on the invoice, with its reason).</summary>
    public bool Droppable => Status != InvoiceStatus.Void;

    public InvoiceCards Page => new(Status, View, Cards, Cards.Count, Count, Today);
}

/// <summary>The board's filters, carried by every move and "show more" so the answer matches the page.</summary>
public sealed record BoardView(bool ShowVoid, bool AllPaid)
{
    public string Query => $"showVoid={(ShowVoid ? "true" : "false")}&allPaid={(AllPaid ? "true" : "false")}";
}

/// <summary>A run of cards of one column and the "show more" after it.</summary>
public sealed record InvoiceCards(InvoiceStatus Status, BoardView View, IReadOnlyList<InvoiceCard> Cards, int Shown, int Count, DateOnly Today)
{
    public BoardMore More => new($"/invoices/column?status={Status}&allPaid={(View.AllPaid ? "true" : "false")}&skip={Shown}", $"/invoices/list?status={Status}", Shown, Count);
}

public sealed record InvoiceBoard(IReadOnlyList<InvoiceColumn> Columns, string HomeCurrency, bool ShowVoid, int? FocusInvoiceId)
{
    /// <summary>
    /// Cards a column opens with: the ten most urgent (or most recent) are what a look at the board is for, and each card is
    /// most of the page's work; "show more" brings the next <see cref="Boards.CardsPerColumn"/>, and the count and totals
    /// are always over the whole column.
    /// </summary>
    public const int FirstCards = 10;

    /// <summary>Paid invoices stay on the board for a quarter after their issue date; older ones are in the list (or shown with allPaid).</summary>
    public static DateOnly PaidShownSince(DateOnly today) => today.AddMonths(-3);

    /// <summary>The cards of one column in its order (a UNION ALL of the columns keeps none).</summary>
    public static List<InvoiceCard> InColumnOrder(IEnumerable<InvoiceCard> cards, InvoiceStatus status)
    {
        var column = cards.Where(c => c.Status == status);
        return (status is InvoiceStatus.Paid or InvoiceStatus.Void
            ? column.OrderByDescending(c => c.IssueDate).ThenByDescending(c => c.Id)
            : column.OrderBy(c => c.DueDate).ThenBy(c => c.Id)).ToList();
    }

    /// <summary>The account's today, for days late on the cards.</summary>
    public DateOnly Today { get; init; }

    public bool AllPaid { get; init; }

    /// <summary>Paid invoices issued more than a quarter ago, off the board.</summary>
    public int OlderPaid { get; init; }

    public BoardView View => new(ShowVoid, AllPaid);
}

public sealed record InvoiceListRow(
    int Id, string? Number, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, int ClientId, string ClientName,
    string Currency, decimal Total, decimal AmountPaid)
{
    public string Title => Invoice.TitleFor(IssueDate, ClientName);
    public int DaysLate(DateOnly today) => Status is InvoiceStatus.Sent or InvoiceStatus.Overdue ? Invoice.DaysPastDue(DueDate, today) : 0;
}

public sealed record InvoiceList(Paged<InvoiceListRow> Rows, string? Query, InvoiceStatus? Status, int? ClientId, DateOnly? From, DateOnly? To, IReadOnlyList<ClientOption> Clients)
{
    /// <summary>The aging bucket filter (open invoices by days past due), from the receivables report's links.</summary>
    public ReceivableAge? Age { get; init; }
    public bool OpenOnly { get; init; }
    public const string OpenAge = "open";
    public DateOnly Today { get; init; }
}

public sealed record InvoiceDetails(Invoice Invoice, AccountSettings Settings, IReadOnlyList<InvoicePaymentRow>? Payments = null, decimal? SuggestedRate = null)
{
    public IReadOnlyList<InvoicePaymentRow> Incomes => Payments ?? [];
    public DateOnly Today { get; init; }
    public int DaysLate => Invoice.DaysLate(Today);
    public bool NeedsExchangeRate => Invoice.IsEditable && Invoice.Currency != Settings.HomeCurrency;

    public IEnumerable<InvoiceLine> Lines => Invoice.Lines.OrderBy(l => l.Position);
    public IReadOnlyList<InvoiceEvent> Events { get; init; } = [];

    /// <summary>Status changes and events (sent, reminded, viewed...) in the order they happened.</summary>
    public IEnumerable<InvoiceHistoryLine> History =>
        Invoice.History.Select(h => new InvoiceHistoryLine(h.At, h.From is null ? "Created as Draft" : $"{h.From} → {h.To}", null, false))
            .Concat(Events.Select(e => new InvoiceHistoryLine(e.At, e.Description, e.Detail,
                e.Kind is InvoiceEventKind.SendFailed or InvoiceEventKind.ReminderFailed)))
            .OrderBy(l => l.At);

    /// <summary>A moment shown in the account's time zone.</summary>
    public DateTime Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.TryFindSystemTimeZoneById(Settings.TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc).DateTime;
}

public sealed record InvoiceHistoryLine(DateTimeOffset At, string Text, string? Detail, bool IsFailure);

public static class InvoiceDisplay
{
    /// <summary>What issuing does, asked before the button or a drag to Sent issues a draft.</summary>
    public const string IssueConfirmation =
        "Issue this invoice? It gets the next invoice number and is locked: it can no longer be edited or deleted, only voided.";

    public const string VoidConfirmation =
        "Void this invoice? It stays in your records as void, its number stays used, and it cannot be reopened.";

    public const string DeleteConfirmation = "Delete this draft for good? Its billed work becomes unbilled again.";

    public static string Badge(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "text-bg-secondary",
        InvoiceStatus.Sent => "text-bg-primary",
        InvoiceStatus.Overdue => "text-bg-danger",
        InvoiceStatus.Paid => "text-bg-success",
        _ => "text-bg-dark",
    };
}

/// <summary>The invoice page's "Record payment" form.</summary>
public sealed class PaymentForm
{
    public int? PaymentModeId { get; set; }
    public DateOnly? Date { get; set; }
    public decimal? Amount { get; set; }
}

public sealed class PaymentFormValidator : AbstractValidator<PaymentForm>
{
    public PaymentFormValidator()
    {
        RuleFor(f => f.PaymentModeId).NotNull().WithMessage("Choose how the money came in.");
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date the money came in.");
        RuleFor(f => f.Amount).NotNull().WithMessage("Enter the amount received.")
            .GreaterThan(0).WithMessage("Enter an amount greater than zero.")
            .LessThanOrEqualTo(Limits.MaxAmount(null)).WithMessage(Limits.AmountMessage(null));
    }
}

/// <summary>One income linked to an invoice, as the invoice page lists it.</summary>
public sealed record InvoicePaymentRow(int IncomeId, DateOnly Date, decimal Amount, string Currency, string? Mode);

/// <summary>A payment mode to choose on the payment form; read from the entity, not from the ledger's lists, so invoices do not depend on the ledger feature.</summary>
public sealed record PaymentModeOption(int Id, string Name);

public sealed record PaymentPage(Invoice Invoice, PaymentForm Form, IReadOnlyList<PaymentModeOption> Modes, decimal Open);
