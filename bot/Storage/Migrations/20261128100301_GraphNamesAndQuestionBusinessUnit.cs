using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdoptionBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class GraphNamesAndQuestionBusinessUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BusinessUnit",
                table: "questions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamGroupId",
                table: "channel_links",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_questions_BusinessUnit_AskedAtUtc",
                table: "questions",
                columns: new[] { "BusinessUnit", "AskedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_questions_BusinessUnit_AskedAtUtc",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "BusinessUnit",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "TeamGroupId",
                table: "channel_links");
        }
    }
}
