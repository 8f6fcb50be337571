using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class RecurringScheduleConfiguration : IEntityTypeConfiguration<RecurringSchedule>
{
    public void Configure(EntityTypeBuilder<RecurringSchedule> b)
    {
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Notes).HasMaxLength(4000);
        b.Property(s => s.TaxRate).HasPrecision(7, 4);
        b.Property(s => s.IncludedHours).HasPrecision(9, 2);
        b.Ignore(s => s.IsRetainer);
        b.Ignore(s => s.HasEnded);
        b.HasOne(s => s.Client).WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The daily job looks for active schedules due by today, across accounts.
        b.HasIndex(s => new { s.IsPaused, s.NextRunDate });
        b.HasIndex(s => new { s.OwnerId, s.ClientId });
    }
}

internal sealed class RecurringLineConfiguration : IEntityTypeConfiguration<RecurringLine>
{
    public void Configure(EntityTypeBuilder<RecurringLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(400).IsRequired();
        b.HasIndex(l => new { l.ScheduleId, l.Position });
    }
}

internal sealed class RecurringRunConfiguration : IEntityTypeConfiguration<RecurringRun>
{
    public void Configure(EntityTypeBuilder<RecurringRun> b)
    {
        b.Property(r => r.Note).HasMaxLength(1000);
        b.Property(r => r.HoursUsed).HasPrecision(12, 2);
        b.Property(r => r.OverageHours).HasPrecision(12, 2);
        b.HasOne<RecurringSchedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        // A deleted draft leaves its run behind, so the period is not billed a second time.
        b.HasOne(r => r.Invoice).WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.SetNull);
        // Once per period: a second job instance inserting the same run fails here and makes nothing.
        b.HasIndex(r => new { r.ScheduleId, r.PeriodStart }).IsUnique();
        b.HasIndex(r => r.InvoiceId);
    }
}
