using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.Property(i => i.Currency).HasMaxLength(3).IsRequired();
        b.Property(i => i.Number).HasMaxLength(40);
        b.Property(i => i.Notes).HasMaxLength(4000);
        b.Property(i => i.TaxRate).HasPrecision(7, 4);
        b.Property(i => i.PublicToken).HasMaxLength(64);
        b.Ignore(i => i.BalanceDue);
        b.Ignore(i => i.Title);
        b.Ignore(i => i.IsEditable);
        b.Ignore(i => i.IssuedParties);
        b.HasOne(i => i.Client).WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.History).WithOne().HasForeignKey(h => h.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(i => i.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Numbers are unique per account (drafts have none). The year and sequence are kept apart so
        // "no gaps" can be checked and the next number found without parsing the formatted text.
        b.HasIndex(i => new { i.OwnerId, i.Number }).IsUnique().HasFilter("\"Number\" IS NOT NULL");
        b.HasIndex(i => new { i.OwnerId, i.NumberYear, i.NumberSequence }).IsUnique().HasFilter("\"NumberSequence\" IS NOT NULL");
        // The board, the list and the overdue job filter on status; the job also on the due date.
        b.HasIndex(i => new { i.OwnerId, i.Status, i.DueDate });
        b.HasIndex(i => new { i.Status, i.DueDate });
        // The open money expected from today on (forecast, dashboard): the invoices due today or later, whatever their status.
        b.HasIndex(i => new { i.OwnerId, i.DueDate });
        // A client's issued amount per currency (pipeline cards, client page) summed from the index alone, without
        // reading each invoice's row; and a client's latest invoices in order, without sorting all of them.
        b.HasIndex(i => new { i.OwnerId, i.ClientId, i.Status, i.Currency, i.Subtotal });
        b.HasIndex(i => new { i.OwnerId, i.ClientId, i.IssueDate, i.Id });
        // The list's order (newest first, then by id) read from an index instead of sorting every invoice, and the
        // board's recent paid invoices and its count of older ones as a range of one status's issue dates.
        b.HasIndex(i => new { i.OwnerId, i.IssueDate, i.Id });
        b.HasIndex(i => new { i.OwnerId, i.Status, i.IssueDate, i.Id });
        // The board's column totals (per status, the paid column a range of issue dates) summed from this index alone,
        // without reading each invoice's row. Not used for the cards: they need the id order the index above gives.
        b.HasIndex(i => new { i.OwnerId, i.Status, i.IssueDate, i.Currency, i.Total, i.AmountPaid });
        // The public page finds its invoice by token alone (no owner is signed in).
        b.HasIndex(i => i.PublicToken).IsUnique().HasFilter("\"PublicToken\" IS NOT NULL");
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(500).IsRequired();
        b.HasIndex(l => new { l.InvoiceId, l.Position });
        // Lets the later features find the invoice that holds a billed item.
        b.HasIndex(l => new { l.SourceKind, l.SourceId }).HasFilter("\"SourceId\" IS NOT NULL");
        // A project's invoiced amount is one grouped query over its lines.
        b.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => new { l.ProjectId, l.InvoiceId }).HasFilter("\"ProjectId\" IS NOT NULL");
    }
}

internal sealed class InvoiceStatusChangeConfiguration : IEntityTypeConfiguration<InvoiceStatusChange>
{
    public void Configure(EntityTypeBuilder<InvoiceStatusChange> b)
    {
        // The overdue job reads each invoice's latest change (highest Id): this index answers that without a sort.
        b.HasIndex(h => new { h.InvoiceId, h.Id });
    }
}

internal sealed class InvoiceEventConfiguration : IEntityTypeConfiguration<InvoiceEvent>
{
    public void Configure(EntityTypeBuilder<InvoiceEvent> b)
    {
        b.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Detail).HasMaxLength(InvoiceEvent.MaxDetailLength);
        // The invoice page lists its events in order; reminders look up "already sent" per invoice and kind.
        b.HasIndex(e => new { e.InvoiceId, e.Kind, e.At });
    }
}

internal sealed class InvoiceNumberCounterConfiguration : IEntityTypeConfiguration<InvoiceNumberCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberCounter> b)
    {
        b.HasIndex(c => new { c.OwnerId, c.Year }).IsUnique();
    }
}
