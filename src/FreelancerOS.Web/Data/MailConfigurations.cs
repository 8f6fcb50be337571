using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class MailSettingsConfiguration : IEntityTypeConfiguration<MailSettings>
{
    public void Configure(EntityTypeBuilder<MailSettings> b)
    {
        b.HasIndex(s => s.OwnerId).IsUnique();
        b.Property(s => s.SmtpHost).HasMaxLength(255);
        b.Property(s => s.SmtpUser).HasMaxLength(255);
        b.Property(s => s.ProtectedPassword).HasMaxLength(2000);
        b.Property(s => s.FromAddress).HasMaxLength(254);
        b.Property(s => s.FromName).HasMaxLength(200);
        b.Property(s => s.InvoiceSubject).HasMaxLength(MailSettings.MaxSubjectLength).IsRequired();
        b.Property(s => s.InvoiceBody).HasMaxLength(MailSettings.MaxTemplateLength).IsRequired();
        b.Property(s => s.PublicBaseUrl).HasMaxLength(500);
        b.Ignore(s => s.UsesSmtp);
    }
}

internal sealed class ReminderRuleConfiguration : IEntityTypeConfiguration<ReminderRule>
{
    public void Configure(EntityTypeBuilder<ReminderRule> b)
    {
        b.HasIndex(r => new { r.OwnerId, r.DaysFromDue }).IsUnique();
        b.Property(r => r.Subject).HasMaxLength(MailSettings.MaxSubjectLength).IsRequired();
        b.Property(r => r.Body).HasMaxLength(MailSettings.MaxTemplateLength).IsRequired();
        b.Ignore(r => r.Label);
    }
}

internal sealed class InvoiceReminderConfiguration : IEntityTypeConfiguration<InvoiceReminder>
{
    public void Configure(EntityTypeBuilder<InvoiceReminder> b)
    {
        b.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        // The claim: one reminder per invoice and offset, whichever run or instance gets there first.
        b.HasIndex(r => new { r.InvoiceId, r.DaysFromDue }).IsUnique();
    }
}

internal sealed class InvoiceReminderOptOutConfiguration : IEntityTypeConfiguration<InvoiceReminderOptOut>
{
    public void Configure(EntityTypeBuilder<InvoiceReminderOptOut> b)
    {
        b.HasKey(o => o.InvoiceId);
        b.Property(o => o.InvoiceId).ValueGeneratedNever();
        b.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceReminderOptOut>(o => o.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
