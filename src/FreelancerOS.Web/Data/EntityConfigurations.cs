using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Company).HasMaxLength(200);
        b.Property(c => c.ContactPerson).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(50);
        b.Property(c => c.Position).HasMaxLength(100);
        b.Property(c => c.Website).HasMaxLength(500);
        b.Property(c => c.Currency).HasMaxLength(3).IsRequired();
        b.Property(c => c.BillingAddress).HasMaxLength(1000);
        b.Property(c => c.TaxId).HasMaxLength(100);
        b.HasIndex(c => new { c.OwnerId, c.Stage, c.SortOrder });
        // The client list's default order and the client pickers (sorted by name): read in order, no sort of every client.
        b.HasIndex(c => new { c.OwnerId, c.Name });
    }
}

internal sealed class AccountSettingsConfiguration : IEntityTypeConfiguration<AccountSettings>
{
    public void Configure(EntityTypeBuilder<AccountSettings> b)
    {
        b.ToTable("AccountSettings");
        b.HasIndex(s => s.OwnerId).IsUnique();
        b.Property(s => s.HomeCurrency).HasMaxLength(3).IsRequired();
        b.Property(s => s.Culture).HasMaxLength(20).IsRequired();
        b.Property(s => s.TimeZoneId).HasMaxLength(100).IsRequired();
        b.Property(s => s.InvoicePrefix).HasMaxLength(20);
        b.Property(s => s.BusinessName).HasMaxLength(200);
        b.Property(s => s.TaxId).HasMaxLength(100);
        b.Property(s => s.BusinessEmail).HasMaxLength(254);
        b.Property(s => s.DefaultTaxRate).HasPrecision(7, 4);
        b.Property(s => s.TaxNote).HasMaxLength(1000);
    }
}

internal sealed class AccountLogoConfiguration : IEntityTypeConfiguration<AccountLogo>
{
    public void Configure(EntityTypeBuilder<AccountLogo> b)
    {
        b.ToTable("AccountLogos");
        b.HasIndex(l => l.OwnerId).IsUnique();
        b.Property(l => l.Content).IsRequired();
        b.Property(l => l.ContentType).HasMaxLength(20).IsRequired();
    }
}
