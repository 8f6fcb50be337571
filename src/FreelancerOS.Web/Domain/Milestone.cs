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

/// <summary>Turns typed shares into amounts that add up to the agreed value to the cent.</summary>
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
}
