using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The overdue job's history insert: every overdue invoice whose latest history row is not "Overdue"
/// gets one. Raw SQL because EF has no set-based INSERT ... SELECT; one text per SQL dialect. The
/// values are enum constants, never user input.
/// </summary>
public static class OverdueHistorySql
{
    private const int Sent = (int)InvoiceStatus.Sent;
    private const int Overdue = (int)InvoiceStatus.Overdue;

    public static string For(DatabaseFacade database) => database.IsSqlServer() ? SqlServer : Standard;

    /// <summary>SQLite and PostgreSQL.</summary>
    public static readonly string Standard = $"""
        INSERT INTO "InvoiceStatusChanges" ("InvoiceId", "From", "To", "At")
        SELECT i."Id", {Sent}, {Overdue}, i."StatusChangedAt"
        FROM "Invoices" i
        WHERE i."Status" = {Overdue}
          AND COALESCE((SELECT h."To" FROM "InvoiceStatusChanges" h WHERE h."InvoiceId" = i."Id" ORDER BY h."Id" DESC LIMIT 1), -1) <> {Overdue}
        """;

    /// <summary>T-SQL: TOP instead of LIMIT, and brackets, since FROM and TO are reserved words there.</summary>
    public static readonly string SqlServer = $"""
        INSERT INTO [InvoiceStatusChanges] ([InvoiceId], [From], [To], [At])
        SELECT i.[Id], {Sent}, {Overdue}, i.[StatusChangedAt]
        FROM [Invoices] AS i
        WHERE i.[Status] = {Overdue}
          AND COALESCE((SELECT TOP (1) h.[To] FROM [InvoiceStatusChanges] AS h WHERE h.[InvoiceId] = i.[Id] ORDER BY h.[Id] DESC), -1) <> {Overdue}
        """;
}
