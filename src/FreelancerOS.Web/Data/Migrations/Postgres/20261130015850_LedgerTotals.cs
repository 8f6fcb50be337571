using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerMonthTotals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PaymentModeId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    HomeAmountMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMonthTotals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerMonthTotals_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_Catego~1",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Count", "HomeAmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_Categor~",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Currency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerMonthTotals");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries");
        }
    }
}
