using FluentValidation;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Account;

public sealed class LoginForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the page offers "Create the account" (no account yet, or sign-ups open): set by the controller, never posted.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool CanRegister { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254).WithMessage("That is not an e-mail address of this app.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(200).WithMessage("The e-mail address or password is not right.");
    }
}

public sealed class RegisterForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public string HomeCurrency { get; set; } = "EUR";
}

public sealed class RegisterFormValidator : AbstractValidator<RegisterForm>
{
    public RegisterFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your e-mail address.")
            .EmailAddress().WithMessage("Enter a valid e-mail address.").MaximumLength(254);
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(10).WithMessage("The password needs at least 10 characters.").MaximumLength(200);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords differ.");
        RuleFor(f => f.HomeCurrency).Must(c => Currency.IsKnown(Currency.Normalize(c)))
            .WithMessage("Choose an ISO 4217 currency code, such as EUR or USD.");
    }
}

public sealed class ChangePasswordForm
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(10).WithMessage("The password needs at least 10 characters.").MaximumLength(200);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The two passwords differ.");
    }
}
