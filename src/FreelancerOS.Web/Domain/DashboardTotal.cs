namespace FreelancerOS.Web.Domain;

/// <summary>Which of the dashboard's kept figures a <see cref="DashboardTotal"/> row holds.</summary>
public enum DashboardFigure
{
    /// <summary>The pipeline value: contract values of leads and negotiations.</summary>
    Pipeline = 0,
    /// <summary>Unbilled work: billable hours and their value, reached milestones, flat services, approved scope changes.</summary>
    Unbilled = 1,
}

/// <summary>
/// One of the dashboard's figures that do not depend on the day, for one account and currency: what the pipeline or the
/// unbilled work adds up to. Recomputed for the account in the same transaction as any change that can move it (through
/// <c>AppDbContext.SaveChanges</c> and the bulk claims and releases of billed work), so the dashboard reads a few rows
/// instead of every unbilled item and every lead. No row means zero.
/// </summary>
public class DashboardTotal
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public DashboardFigure Figure { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>Billable hours (unbilled work only).</summary>
    public decimal Hours { get; set; }
    /// <summary>The value in <see cref="Currency"/>.</summary>
    public decimal Value { get; set; }
    /// <summary>Clients (pipeline), or milestones, flat services and approved changes (unbilled work).</summary>
    public int Count { get; set; }
}
