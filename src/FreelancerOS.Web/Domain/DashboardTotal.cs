namespace FreelancerOS.Web.Domain;

/// <summary>Which of the dashboard's kept figures a <see cref="DashboardTotal"/> row holds.</summary>
public enum DashboardFigure
{
    /// <summary>The pipeline value: contract values of leads and negotiations.</summary>
    Pipeline = 0,
    /// <summary>Unbilled work: billable hours and their value, reached milestones, flat services, approved scope changes.</summary>
    Unbilled = 1,
    /// <summary>A pipeline board column's contract values and clients: this one for leads, the next two for negotiations and clients (<see cref="DashboardFigures.ColumnOf"/>).</summary>
    LeadColumn = 10,
    NegotiationColumn = 11,
    ClientColumn = 12,
}

public static class DashboardFigures
{
    /// <summary>The figure that holds a board column's totals.</summary>
    public static DashboardFigure ColumnOf(ClientStage stage) => DashboardFigure.LeadColumn + (int)stage;

    /// <summary>The column a column figure holds, or null for another figure.</summary>
    public static ClientStage? StageOf(DashboardFigure figure) =>
        figure is >= DashboardFigure.LeadColumn and <= DashboardFigure.ClientColumn ? (ClientStage)(figure - DashboardFigure.LeadColumn) : null;
}

/// <summary>
/// One of the dashboard's figures that do not depend on the day, for one account and currency: what the pipeline, a column of
/// the pipeline board or the unbilled work adds up to. Recomputed for the account in the same transaction as any change that can move it (through
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
    /// <summary>Clients (pipeline, board columns), or milestones, flat services and approved changes (unbilled work).</summary>
    public int Count { get; set; }
}
