using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Contacts;

public sealed class ContactForm
{
    public string? Name { get; set; } = "";
    public string? Designation { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? Company { get; set; }
    public string? Category { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }

    /// <summary>For the category datalist: the built-in categories and the ones the user has typed before.</summary>
    public IReadOnlyList<string> CategoryChoices { get; set; } = Contact.BuiltInCategories;

    public static ContactForm From(Contact c) => new()
    {
        Name = c.Name, Designation = c.Designation, Phone = c.Phone, Email = c.Email, Address = c.Address,
        Company = c.Company, Category = c.Category, Notes = c.Notes, Version = c.Version,
    };

    public void ApplyTo(Contact c)
    {
        c.Name = Name!.Trim();
        c.Designation = Blank(Designation);
        c.Phone = Blank(Phone);
        c.Email = Blank(Email);
        c.Address = Blank(Address);
        c.Company = Blank(Company);
        c.Category = Blank(Category);
        c.Notes = Blank(Notes);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class ContactFormValidator : AbstractValidator<ContactForm>
{
    public ContactFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter the contact's name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Designation).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Phone).MaximumLength(50).WithMessage("At most 50 characters.");
        RuleFor(f => f.Email).EmailAddress().WithMessage("Enter a valid e-mail address, like name@example.com.")
            .MaximumLength(254).WithMessage("At most 254 characters.").When(f => !string.IsNullOrWhiteSpace(f.Email));
        RuleFor(f => f.Address).MaximumLength(1000).WithMessage("At most 1,000 characters.");
        RuleFor(f => f.Company).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Category).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Notes).MaximumLength(4000).WithMessage("At most 4,000 characters.");
    }
}

public sealed record ContactListRow(int Id, string Name, string? Designation, string? Company, string? Category, string? Email, string? Phone);

public sealed record ContactList(Paged<ContactListRow> Rows, string? Query, string? Category, IReadOnlyList<string> Categories);
