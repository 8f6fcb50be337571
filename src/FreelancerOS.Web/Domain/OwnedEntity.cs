namespace FreelancerOS.Web.Domain;

/// <summary>
/// A record that belongs to one account. The DbContext sets <see cref="OwnerId"/> when the record is
/// added, scopes every query to the signed-in owner, and bumps <see cref="Version"/> on every update so
/// that two tabs editing the same record get a conflict instead of a silent overwrite.
/// </summary>
public abstract class OwnedEntity
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public int Version { get; set; }
}
