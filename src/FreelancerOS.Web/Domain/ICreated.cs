namespace FreelancerOS.Web.Domain;

/// <summary>
/// A record that remembers when it was created. The DbContext stamps <see cref="CreatedAt"/> from the
/// injected clock when the record is added with none set (the demo data sets its own dates in the past).
/// </summary>
public interface ICreated
{
    DateTimeOffset CreatedAt { get; }
}
