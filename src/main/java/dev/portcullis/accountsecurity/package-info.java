/** Account security by mail: email verification and password reset links (single use, stored hashed). */
package dev.portcullis.accountsecurity;
