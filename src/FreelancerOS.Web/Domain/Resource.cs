using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Domain;

public enum ResourceKind
{
    Checklist = 1,
    Guide = 2,
    Strategy = 3,
    Tip = 4,
}

/// <summary>A note the freelancer keeps for reference: a checklist, a guide, a strategy or a tip, written in Markdown.</summary>
public class Resource : OwnedEntity, ICreated
{
    public const int MaxBodyLength = 50_000;

    /// <summary>Offered in the topic field's suggestions; any other topic the user types is theirs to keep.</summary>
    public static readonly IReadOnlyList<string> BuiltInTopics = ["Taxes", "Budgeting", "Investments", "Savings"];

    public string Name { get; set; } = "";
    public ResourceKind Kind { get; set; } = ResourceKind.Checklist;
    public string Topic { get; set; } = "";

    /// <summary>An http(s) address, or null.</summary>
    public string? Link { get; set; }

    /// <summary>Markdown as typed; rendered through <see cref="SafeMarkdown"/>, never as raw HTML.</summary>
    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void SetBody(string? markdown) => Body = markdown ?? "";

    /// <summary>
    /// Ticks or unticks the to-do at <paramref name="index"/> (0-based, in reading order) by rewriting only
    /// its "[ ]" / "[x]" in the stored Markdown, so the rest of the text stays byte for byte as typed.
    /// </summary>
    public void SetTaskDone(int index, bool done, DateTimeOffset now)
    {
        Body = SafeMarkdown.SetTaskDone(Body, index, done)
               ?? throw new DomainException("That to-do is no longer in this resource. Reload the page to see its current list.");
        UpdatedAt = now;
    }
}
