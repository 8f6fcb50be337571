using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Data;

/// <summary>What only the SQLite model has (see <see cref="SqlServerModel"/> for SQL Server's differences).</summary>
internal static class SqliteModel
{
    public static void Adapt(ModelBuilder builder) =>
        // The forecast's (and the dashboard's) expenses that repeat monthly: seven months of expenses grouped by
        // description, vendor and category, read from the index alone instead of the row behind each entry.
        // SQLite only: the key carries the description and vendor (up to 700 characters), past what a PostgreSQL
        // or SQL Server index row may hold for some text; those read a few hundred rows behind an index well enough.
        builder.Entity<Expense>().HasIndex(e => new { e.OwnerId, e.Kind, e.Period, e.Description, e.Vendor, e.CategoryId, e.Date, e.HomeAmountMinor })
            .HasDatabaseName("IX_LedgerEntries_Reports_ExpenseSeries");
}
