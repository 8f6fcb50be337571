namespace FreelancerOS.Web.Domain;

/// <summary>A rule of the domain was broken; controllers turn it into a model error, never a 500.</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input field the message belongs next to, or null for the whole form.</summary>
    public string? Field { get; } = field;
}
