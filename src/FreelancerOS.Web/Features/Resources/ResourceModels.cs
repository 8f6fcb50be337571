using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Resources;

public sealed class ResourceForm
{
    public string? Name { get; set; }
    public ResourceKind Kind { get; set; } = ResourceKind.Checklist;
    public string? Topic { get; set; }
    public string? Link { get; set; }
    public string? Body { get; set; }
    public int Version { get; set; }

    public static ResourceForm From(Resource r) => new()
    {
        Name = r.Name, Kind = r.Kind, Topic = r.Topic, Link = r.Link, Body = r.Body, Version = r.Version,
    };

    public void ApplyTo(Resource r, DateTimeOffset now)
    {
        r.Name = (Name ?? "").Trim();
        r.Kind = Kind;
        r.Topic = (Topic ?? "").Trim();
        r.Link = string.IsNullOrWhiteSpace(Link) ? null : Link.Trim();
        r.SetBody(Body);
        r.UpdatedAt = now;
    }
}

public sealed class ResourceFormValidator : AbstractValidator<ResourceForm>
{
    public ResourceFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Kind).IsInEnum().WithMessage("Choose a kind.");
        RuleFor(f => f.Topic).NotEmpty().WithMessage("Enter a topic, such as Taxes, or one of your own.")
            .MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Link).Must(IsEmptyOrWebAddress)
            .WithMessage("Enter a web address that starts with https:// or http://.")
            .MaximumLength(500).WithMessage("At most 500 characters.");
        RuleFor(f => f.Body).MaximumLength(Resource.MaxBodyLength).WithMessage("At most 50,000 characters.")
            .Must(SafeMarkdown.CanFormat).WithMessage("This text is nested too deeply (lists or quotes inside each other) to be formatted. Flatten it a little.");
    }

    /// <summary>Only http(s): the link is drawn as an anchor, so mailto:, javascript: and the like are refused here.</summary>
    private static bool IsEmptyOrWebAddress(string? link) =>
        string.IsNullOrWhiteSpace(link)
        || (SafeMarkdown.IsWebAddress(link) && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0);
}

/// <summary>The list's filter, bound from the query string.</summary>
public sealed class ResourceFilter
{
    public string? Q { get; set; }
    public ResourceKind? Kind { get; set; }
    public string? Topic { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record ResourceRow(int Id, string Name, ResourceKind Kind, string Topic, string? Link, DateTimeOffset UpdatedAt);

public sealed record ResourceList(Paged<ResourceRow> Rows, ResourceFilter Filter, IReadOnlyList<string> Topics);

/// <summary>A resource as shown; <see cref="FocusTask"/> is the to-do just ticked, which keeps the keyboard focus.</summary>
public sealed record ResourcePage(Resource Resource, string? Error = null, int? FocusTask = null);
