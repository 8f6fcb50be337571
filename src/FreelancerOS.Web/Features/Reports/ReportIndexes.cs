using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Features.Reports;

// The reports' indexes, kept beside the queries that need them (AppDbContext applies every configuration of the
// assembly; these only add indexes to what Data/ configures). Each was chosen from SQLite's query plan on ten
// years of data: without them a report read every row of the account, or every row of the period and then the
// table behind each.

/// <summary>Profitability's project expenses: the few entries linked to a project, by kind and date, read from the index alone.</summary>
internal sealed class ReportExpenseIndexes : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> b) =>
        b.HasIndex(e => new { e.OwnerId, e.Kind, e.Date, e.ProjectId, e.Rechargeable, e.HomeAmountMinor })
            .HasDatabaseName("IX_LedgerEntries_Reports_ProjectExpenses")
            .HasFilter("\"ProjectId\" IS NOT NULL");
}

// The forecast's expense series has a SQLite-only index: Data/SqliteModel.cs.

/// <summary>Profitability's hours per project over a period, from the index alone (no lookup of each entry).</summary>
internal sealed class ReportTimeIndexes : IEntityTypeConfiguration<TimeEntry>
{
    public void Configure(EntityTypeBuilder<TimeEntry> b) =>
        b.HasIndex(t => new { t.OwnerId, t.Date, t.ProjectId, t.Hours })
            .HasDatabaseName("IX_TimeEntries_Reports_Hours");
}

/// <summary>Tax collected, profitability and receivables by issue date: a year's invoices instead of every issued one.</summary>
internal sealed class ReportInvoiceIndexes : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.HasIndex(i => new { i.OwnerId, i.IssueDate, i.Status })
            .HasDatabaseName("IX_Invoices_Reports_IssueDate");
        // Profitability's subtotals per client and currency of a period's issued invoices, from the index alone.
        b.HasIndex(i => new { i.OwnerId, i.Status, i.IssueDate, i.ClientId, i.Currency, i.Subtotal })
            .HasDatabaseName("IX_Invoices_Reports_ClientSubtotals");
    }
}

/// <summary>Profitability's billed lines of a period's invoices per project, from the index alone (no read of each line).</summary>
internal sealed class ReportInvoiceLineIndexes : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b) =>
        b.HasIndex(l => new { l.InvoiceId, l.ProjectId, l.Amount })
            .HasDatabaseName("IX_InvoiceLines_Reports_ProjectAmounts")
            .HasFilter("\"ProjectId\" IS NOT NULL");
}
