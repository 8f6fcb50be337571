using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>How picked time entries become lines.</summary>
public enum TimeLineMode
{
    /// <summary>One line per project, service and hourly rate: the summed hours × the rate.</summary>
    PerService = 0,

    /// <summary>One line per time entry: its hours × its rate.</summary>
    PerEntry = 1,
}

/// <summary>What the user ticked on the invoice form.</summary>
public sealed record WorkPick(
    DateOnly? From, DateOnly? To, IReadOnlyList<(int ProjectId, int? ServiceId)> TimeGroups, IReadOnlyList<int> TimeEntryIds,
    TimeLineMode TimeLines, IReadOnlyList<int> MilestoneIds, IReadOnlyList<int> ServiceIds, IReadOnlyList<int> ScopeChangeIds,
    IReadOnlyList<int>? ExpenseIds = null)
{
    public IReadOnlyList<int> Expenses => ExpenseIds ?? [];

    public bool IsEmpty => TimeGroups.Count == 0 && TimeEntryIds.Count == 0 && MilestoneIds.Count == 0 && ServiceIds.Count == 0 && ScopeChangeIds.Count == 0
                           && Expenses.Count == 0;

    /// <summary>"12-3" is project 12, service 3; "12-0" is project 12's time with no service.</summary>
    public static string GroupKey(int projectId, int? serviceId) => $"{projectId}-{serviceId ?? 0}";

    public static (int ProjectId, int? ServiceId)? ParseGroup(string? key)
    {
        var parts = (key ?? "").Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var p) || !int.TryParse(parts[1], out var s) || p <= 0 || s < 0) return null;
        return (p, s == 0 ? null : s);
    }
}

/// <summary>One line to add and the items it bills (claimed when the draft is saved).</summary>
public sealed record PickedLine(InvoiceLineItem Item, IReadOnlyList<int> ItemIds, string Label);

/// <summary>The outcome of resolving a pick: lines, or why not (a message, or "not found" for foreign ids).</summary>
public sealed record PickResult(IReadOnlyList<PickedLine> Lines, string? Refusal, bool NotFound)
{
    public static readonly PickResult Nothing = new([], null, false);
    public static readonly PickResult Missing = new([], null, true);
    public static PickResult Refused(string message) => new([], message, false);
}

/// <summary>Raised inside the saving transaction when an item was billed by another request meanwhile.</summary>
public sealed class AlreadyBilledException(string message) : Exception(message);

/// <summary>Unbilled work of all clients in one currency: billable hours, and the value of those hours plus the other billable items.</summary>
public sealed record UnbilledTotal(string Currency, decimal Hours, decimal Value, int OtherItems);

public sealed record UnbilledTimeRow(int Id, DateOnly Date, string? Description, decimal Hours, decimal Rate, decimal Amount, string Currency);

public sealed record UnbilledTimeGroup(
    int ProjectId, string ProjectName, int? ServiceId, string? ServiceName, string Currency, decimal Hours, decimal Amount, int Count,
    DateOnly First, DateOnly Last)
{
    public string Key => WorkPick.GroupKey(ProjectId, ServiceId);
    public string Label => $"{ProjectName} – {ServiceName ?? "Other work"}";
    public List<UnbilledTimeRow> Entries { get; } = [];
}

public sealed record UnbilledItem(int Id, string ProjectName, string Name, decimal Quantity, decimal UnitPrice, string Currency)
{
    public decimal Amount => Domain.Currency.Round(Quantity * UnitPrice, Currency);
}

/// <summary>A client's unbilled work, as the invoice form lists it.</summary>
public sealed record UnbilledWork(
    int ClientId, string ClientName, string Currency, DateOnly? From, DateOnly? To, IReadOnlyList<UnbilledTimeGroup> Time, bool TimeListCut,
    IReadOnlyList<UnbilledItem> Milestones, IReadOnlyList<UnbilledItem> Services, IReadOnlyList<UnbilledItem> ScopeChanges,
    IReadOnlyList<UnbilledItem> Expenses)
{
    public bool IsEmpty => Time.Count == 0 && Milestones.Count == 0 && Services.Count == 0 && ScopeChanges.Count == 0 && Expenses.Count == 0;

    /// <summary>Set when the list is narrowed to one project's items.</summary>
    public int? ProjectId { get; init; }
    public string? ProjectName { get; init; }
}

/// <summary>One kind of unbilled item on the invoice form (a list of checkboxes).</summary>
public sealed record UnbilledItemsGroup(string Title, string Field, string IdPrefix, IReadOnlyList<UnbilledItem> Items, IReadOnlyList<int> Checked);

/// <summary>One kind's billable items of one currency, summed for the dashboard (a row of one UNION ALL).</summary>
public sealed class UnbilledSum
{
    public string Currency { get; init; } = "";
    public decimal Hours { get; init; }
    public decimal Value { get; init; }
    public int Items { get; init; }
}

/// <summary>
/// A billable item with its project and client (all null for an expense of no project, or of a project
/// this account cannot see): what the form lists, the totals sum and a pick is checked against.
/// </summary>
public sealed class BillableRow<T>
{
    public required T Item { get; init; }
    public int? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public int? ClientId { get; init; }

    /// <summary>The currency <see cref="Amount"/> is billed in: the client's, or an expense's own.</summary>
    public string? Currency { get; init; }
    public decimal Amount { get; init; }
}
