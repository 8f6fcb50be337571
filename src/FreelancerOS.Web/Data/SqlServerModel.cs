using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Data;

/// <summary>
/// What SQL Server needs that the same model does not need on SQLite or PostgreSQL. SQL Server refuses
/// a foreign key when a table could be reached by two cascading paths from one table (error 1785), so
/// the actions below are done by the app instead of declared in the database:
/// <list type="bullet">
/// <item>the account (owner) keys: the app never deletes an account, EF still cascades what it has loaded;</item>
/// <item>a deleted service's time entries, timers and incomes: <c>ServicesController.Delete</c> clears them first;</item>
/// <item>a time entry's invoice line: <c>BilledWork</c> releases billed time before lines or drafts go.</item>
/// </list>
/// Index filters are written for SQLite/PostgreSQL with double-quoted names; here they get brackets.
/// <c>SqlServerModelTests</c> checks the result has a single cascade path to every table.
/// </summary>
internal static partial class SqlServerModel
{
    public static void Adapt(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var fk in entityType.GetDeclaredForeignKeys())
            {
                var principal = fk.PrincipalEntityType.ClrType;
                if (principal == typeof(AppUser) && typeof(OwnedEntity).IsAssignableFrom(entityType.ClrType))
                    fk.DeleteBehavior = DeleteBehavior.ClientCascade;
                else if (principal == typeof(Service) && fk.DeleteBehavior == DeleteBehavior.SetNull)
                    fk.DeleteBehavior = DeleteBehavior.ClientSetNull;
                else if (principal == typeof(InvoiceLine) && entityType.ClrType == typeof(TimeEntry))
                    fk.DeleteBehavior = DeleteBehavior.ClientSetNull;
            }
            foreach (var index in entityType.GetDeclaredIndexes())
            {
                if (index.GetFilter() is { } filter)
                    index.SetFilter(QuotedName().Replace(filter, "[$1]"));
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedName();
}
