using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.Property(r => r.Name).HasMaxLength(200).IsRequired();
        b.Property(r => r.Topic).HasMaxLength(100).IsRequired();
        b.Property(r => r.Link).HasMaxLength(500);
        b.Property(r => r.Body).HasMaxLength(Resource.MaxBodyLength).IsRequired();
        // The list filters by kind and topic and is ordered by name.
        b.HasIndex(r => new { r.OwnerId, r.Kind, r.Topic });
        b.HasIndex(r => new { r.OwnerId, r.Name });
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.Property(g => g.Name).HasMaxLength(200).IsRequired();
        b.Property(g => g.Category).HasMaxLength(100).IsRequired();
        b.Property(g => g.Unit).HasMaxLength(30);
        // A deleted client or payment mode leaves the goal in place; it then says the figure is gone.
        b.HasOne<Client>().WithMany().HasForeignKey(g => g.TrackedClientId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<PaymentMode>().WithMany().HasForeignKey(g => g.TrackedPaymentModeId).OnDelete(DeleteBehavior.SetNull);
        // The dashboard reads the goals due soonest.
        b.HasIndex(g => new { g.OwnerId, g.TargetDate });
    }
}
