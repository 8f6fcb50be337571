using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Designation).HasMaxLength(100);
        b.Property(c => c.Phone).HasMaxLength(50);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Address).HasMaxLength(1000);
        b.Property(c => c.Company).HasMaxLength(200);
        b.Property(c => c.Category).HasMaxLength(100);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.HasIndex(c => new { c.OwnerId, c.Name });
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Title).HasMaxLength(200).IsRequired();
        b.Property(m => m.Agenda).HasMaxLength(20000);
        b.Property(m => m.Medium).HasMaxLength(100);
        b.Property(m => m.Links).HasMaxLength(2000);
        // SQLite hands DateTime back unspecified; the instants are always UTC.
        b.Property(m => m.StartUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        b.Property(m => m.EndUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        b.HasIndex(m => new { m.OwnerId, m.StartUtc });
        b.HasMany(m => m.Clients).WithMany().UsingEntity("MeetingClients");
        b.HasMany(m => m.Contacts).WithMany(c => c.Meetings).UsingEntity("MeetingContacts");
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.HasIndex(f => f.OwnerId).IsUnique();
    }
}
