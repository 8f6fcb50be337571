namespace FreelancerOS.Web.Domain;

public enum MilestoneState
{
    Pending = 0,
    Reached = 1,
    Invoiced = 2,
}

public class Milestone : OwnedEntity
{
    public int ProjectId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The share of the agreed value, in the client's currency (rounded to its minor unit).</summary>
    public decimal Amount { get; set; }

    /// <summary>The share as typed when the schedule was entered in percent; null when typed as an amount.</summary>
    public decimal? Percent { get; set; }

    public DateOnly? DueDate { get; set; }
    public MilestoneState State { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The invoice it is billed on; wired by the invoices feature (no navigation yet).</summary>
    public int? InvoiceId { get; set; }

    public bool IsLocked => InvoiceId is not null;

    /// <summary>The work of this milestone is delivered: it becomes billable.</summary>
    public void MarkReached()
    {
        if (State != MilestoneState.Pending)
            throw new DomainException($"Milestone {Name} is already {State.ToString().ToLowerInvariant()}.");
        State = MilestoneState.Reached;
    }
}

public enum ShareMode
{
    Percent = 0,
    Amount = 1,
}

/// <summary>One row of a schedule as typed: <see cref="Id"/> 0 for a new milestone; a percentage or an amount, per the mode.</summary>
public sealed record MilestoneShare(int Id, string Name, decimal Share, DateOnly? DueDate, MilestoneState State);

/// <summary>
/// A fixed-price project's milestone schedule, edited as a whole: typed shares become amounts that add up to the
/// agreed value to the cent, and a milestone on an invoice stays with its share.
/// </summary>
public static class MilestoneSchedule
{
    public static readonly IReadOnlyDictionary<string, decimal[]> Presets = new Dictionary<string, decimal[]>
    {
        ["30-40-30"] = [30m, 40m, 30m],
        ["50-50"] = [50m, 50m],
        ["25-25-25-25"] = [25m, 25m, 25m, 25m],
        ["100"] = [100m],
    };

    /// <summary>
    /// The amount of each share. Percentages are rounded to the currency's minor unit and the last one
    /// takes the rounding remainder, so 33.33/33.33/33.34 % of 1,000 is exactly 1,000.
    /// </summary>
    public static decimal[] Amounts(decimal value, string currency, ShareMode mode, IReadOnlyList<decimal> shares)
    {
        if (mode == ShareMode.Amount) return shares.Select(s => Currency.Round(s, currency)).ToArray();
        var amounts = shares.Select(p => Currency.Round(value * p / 100m, currency)).ToArray();
        if (amounts.Length > 0 && shares.Sum() == 100m)
            amounts[^1] = value - amounts[..^1].Sum();
        return amounts;
    }

    /// <summary>Null when the shares add up to the value; otherwise a message that says by how much they do not.</summary>
    public static string? Mismatch(decimal value, string currency, ShareMode mode, IReadOnlyList<decimal> shares, IFormatProvider? culture = null)
    {
        if (mode == ShareMode.Percent)
        {
            var total = shares.Sum();
            if (total == 100m) return null;
            var gap = 100m - total;
            var gapAmount = Currency.Round(value * gap / 100m, currency);
            return $"The shares add up to {total:0.##}%, not 100%: {(gap > 0 ? "short by" : "over by")} {Math.Abs(gap):0.##}% " +
                   $"({Currency.Format(Math.Abs(gapAmount), currency, culture)}).";
        }
        var sum = shares.Sum(s => Currency.Round(s, currency));
        if (sum == value) return null;
        var diff = value - sum;
        return $"The shares add up to {Currency.Format(sum, currency, culture)}, not the value of {Currency.Format(value, currency, culture)}: " +
               $"{(diff > 0 ? "short by" : "over by")} {Currency.Format(Math.Abs(diff), currency, culture)}.";
    }

    /// <summary>What the rows would change of milestones on an invoice (the invoice was issued for them): one message each.</summary>
    public static IReadOnlyList<string> LockedChanges(IEnumerable<Milestone> existing, IReadOnlyList<MilestoneShare> rows, ShareMode mode)
    {
        var messages = new List<string>();
        foreach (var locked in existing.Where(m => m.IsLocked))
        {
            var row = rows.FirstOrDefault(r => r.Id == locked.Id);
            if (row is null)
                messages.Add($"{locked.Name} is on an invoice and cannot be removed.");
            else if (mode == ShareMode.Amount ? row.Share != locked.Amount : locked.Percent != row.Share)
                messages.Add($"{locked.Name} is on an invoice: its share cannot change.");
        }
        return messages;
    }

    /// <summary>
    /// The rows become the project's milestones, in their order: <paramref name="existing"/> ones are updated
    /// (invoiced ones only move), the others returned as removed, new rows returned as added; the caller saves.
    /// A milestone not on an invoice is Pending or Reached: Invoiced is set by invoicing only.
    /// </summary>
    public static (IReadOnlyList<Milestone> Removed, IReadOnlyList<Milestone> Added) Replace(
        int projectId, IReadOnlyList<Milestone> existing, IReadOnlyList<MilestoneShare> rows, decimal value, string currency, ShareMode mode)
    {
        if (rows.Any(r => r.Id != 0 && existing.All(m => m.Id != r.Id)))
            throw new DomainException("A milestone of the schedule is not one of this project's.");
        if (LockedChanges(existing, rows, mode).FirstOrDefault() is { } locked)
            throw new DomainException(locked);
        if (rows.Count > 0 && Mismatch(value, currency, mode, rows.Select(r => r.Share).ToList()) is { } mismatch)
            throw new DomainException(mismatch, "Rows");

        var amounts = Amounts(value, currency, mode, rows.Select(r => r.Share).ToList());
        var added = new List<Milestone>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var milestone = row.Id == 0 ? null : existing.Single(m => m.Id == row.Id);
            if (milestone is null)
            {
                milestone = new Milestone { ProjectId = projectId };
                added.Add(milestone);
            }
            milestone.SortOrder = i;
            if (milestone.IsLocked) continue;
            milestone.Name = row.Name.Trim();
            milestone.Amount = amounts[i];
            milestone.Percent = mode == ShareMode.Percent ? row.Share : null;
            milestone.DueDate = row.DueDate;
            milestone.State = row.State == MilestoneState.Reached ? MilestoneState.Reached : MilestoneState.Pending;
        }
        return (existing.Where(m => rows.All(r => r.Id != m.Id)).ToList(), added);
    }
}
