using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Notes).HasMaxLength(4000);
        b.HasOne(p => p.Client).WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OwnerId, p.Priority, p.SortOrder });
        b.HasIndex(p => new { p.OwnerId, p.Status });
        // The open projects only, in board order: the boards, the services board and the time pickers read these and
        // never walk the completed projects of past years (an index's filter matches the queries' "Status <> Completed").
        b.HasIndex(p => new { p.OwnerId, p.Priority, p.SortOrder }, "IX_Projects_Open_OwnerId_Priority_SortOrder")
            .HasFilter($"\"Status\" <> {(int)WorkStatus.Completed}");
        // The project list's default order (highest priority first, then by name): a page is read off the index
        // instead of sorting every project of the account.
        b.HasIndex(p => new { p.OwnerId, p.Priority, p.Name, p.Id }).IsDescending(false, true, false, false);
        b.Ignore(p => p.TotalValue);
        b.Ignore(p => p.TotalEstimatedHours);
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Description).HasMaxLength(4000);
        b.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.OwnerId, s.Status, s.SortOrder });
        b.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => s.InvoiceId);
        b.Ignore(s => s.TotalValue);
        b.Ignore(s => s.HourlyRateForTime);
        b.Ignore(s => s.IsLocked);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.Property(m => m.Name).HasMaxLength(200).IsRequired();
        b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.ProjectId, m.SortOrder });
        b.HasOne<Invoice>().WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => m.InvoiceId);
        b.Ignore(m => m.IsLocked);
    }
}

internal sealed class ScopeChangeConfiguration : IEntityTypeConfiguration<ScopeChange>
{
    public void Configure(EntityTypeBuilder<ScopeChange> b)
    {
        b.Property(s => s.Description).HasMaxLength(2000).IsRequired();
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.ProjectId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => s.InvoiceId);
        b.Ignore(s => s.IsBillable);
    }
}

internal sealed class TimeEntryConfiguration : IEntityTypeConfiguration<TimeEntry>
{
    public void Configure(EntityTypeBuilder<TimeEntry> b)
    {
        b.Property(t => t.Description).HasMaxLength(1000);
        b.Property(t => t.Currency).HasMaxLength(3).IsRequired();
        b.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Service).WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.SetNull);
        // The timesheet reads a week, the project page and profitability read a project's entries.
        b.HasIndex(t => new { t.OwnerId, t.Date });
        b.HasIndex(t => new { t.ProjectId, t.Date });
        b.HasIndex(t => t.ServiceId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(t => t.InvoiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => t.InvoiceId);
        // Unbilled work (dashboard, billing form, profitability): the account's entries with no invoice, found by
        // the index instead of every entry of the account (years of billed hours).
        b.HasIndex(t => new { t.OwnerId, t.InvoiceId, t.Billable });
        b.HasOne<InvoiceLine>().WithMany().HasForeignKey(t => t.InvoiceLineId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => t.InvoiceLineId);
        b.Ignore(t => t.IsLocked);
    }
}

internal sealed class RunningTimerConfiguration : IEntityTypeConfiguration<RunningTimer>
{
    public void Configure(EntityTypeBuilder<RunningTimer> b)
    {
        b.Property(t => t.Description).HasMaxLength(1000);
        b.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Service).WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.SetNull);
        // One timer per account, enforced by the database too (two tabs starting at once).
        b.HasIndex(t => t.OwnerId).IsUnique();
    }
}
