namespace FreelancerOS.Web.Domain;

public class Contact : OwnedEntity, ICreated
{
    /// <summary>Offered in the category field; any other text is the user's own category.</summary>
    public static readonly IReadOnlyList<string> BuiltInCategories = ["Finance", "Services", "Legal"];

    public string Name { get; set; } = "";
    public string? Designation { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? Company { get; set; }
    public string? Category { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<Meeting> Meetings { get; set; } = [];
}
